const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/** The check digit for the first nine digits of a NIP, or undefined when the sum gives 10 (no valid NIP exists). */
export function nipChecksum(firstNine: string): number | undefined {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('NIP prefix must be 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * NIP_WEIGHTS[i]!;
  const check = sum % 11;
  return check === 10 ? undefined : check;
}

/** True for a 10-digit Polish NIP with a correct check digit (separators such as '-' or spaces are not accepted). */
export function isValidNip(nip: string): boolean {
  if (!/^\d{10}$/.test(nip)) return false;
  return nipChecksum(nip.slice(0, 9)) === Number(nip[9]);
}
