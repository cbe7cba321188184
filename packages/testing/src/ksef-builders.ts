import { randomInt } from 'node:crypto';

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/**
 * A NIP the KSeF simulator (and KSeF) accepts: valid checksum and a tax office prefix without a "00" pair
 * (`^[1-9]((\d[1-9])|([1-9]\d))\d{7}$`), which `randomNip()` does not guarantee.
 */
export function ksefNip(): string {
  for (;;) {
    const digits = [randomInt(1, 10), ...Array.from({ length: 8 }, () => randomInt(0, 10))];
    const check = digits.reduce((sum, digit, i) => sum + digit * NIP_WEIGHTS[i]!, 0) % 11;
    const nip = [...digits, check].join('');
    if (check !== 10 && /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/.test(nip)) return nip;
  }
}

/**
 * A taxpayer in a running KSeF simulator with an active KSeF token (the simulator's control API `POST /sim/contexts`).
 * `simRootUrl` is the simulator's root (without `/v2`).
 */
export async function newSimTaxpayer(
  simRootUrl: string,
  nip: string,
  permissions?: string[],
): Promise<{ nip: string; ksefToken: string }> {
  const response = await fetch(`${simRootUrl.replace(/\/+$/, '')}/sim/contexts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(permissions ? { nip, permissions } : { nip }),
  });
  if (!response.ok)
    throw new Error(`simulator refused POST /sim/contexts: ${response.status} ${await response.text()}`);
  return (await response.json()) as { nip: string; ksefToken: string };
}
