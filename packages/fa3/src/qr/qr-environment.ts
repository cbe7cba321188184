/** KSeF environments; SIM is our local simulator (its host is configurable, see {@link qrHostFor}). */
export type KsefEnvironment = 'TEST' | 'DEMO' | 'PRD' | 'SIM';

export const KSEF_ENVIRONMENTS: readonly KsefEnvironment[] = ['TEST', 'DEMO', 'PRD', 'SIM'];

/** QR verification hosts (SPEC-NOTES §1); SIM defaults to the simulator's default address. */
export const QR_HOSTS: Readonly<Record<KsefEnvironment, string>> = {
  TEST: 'https://qr-test.ksef.mf.gov.pl',
  DEMO: 'https://qr-demo.ksef.mf.gov.pl',
  PRD: 'https://qr.ksef.mf.gov.pl',
  SIM: 'http://127.0.0.1:8100',
};

/** Host for QR links: an explicit override wins (the simulator runs wherever it is deployed). */
export function qrHostFor(environment: KsefEnvironment, override?: string): string {
  return (override ?? QR_HOSTS[environment]).replace(/\/+$/, '');
}
