const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;

/**
 * A 10-digit Polish NIP with a correct check digit (weights 6,5,7,2,3,4,5,6,7, sum mod 11). Kept here rather than
 * imported from @bufor/fa3 so the API does not depend on the invoice library for one function.
 */
export function isValidNip(nip: string): boolean {
  if (!/^\d{10}$/.test(nip)) return false;
  const sum = NIP_WEIGHTS.reduce((total, weight, i) => total + weight * Number(nip[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]);
}
