/** One KSeF installation: where its API lives and which host its QR verification links use. */
export interface KsefEnvironment {
  readonly name: 'TEST' | 'DEMO' | 'PRD' | 'SIM';
  /** API base URL including the `/v2` prefix, without a trailing slash. */
  readonly apiBaseUrl: string;
  /** Host used in KOD I / KOD II verification links, e.g. `https://qr-test.ksef.mf.gov.pl`. */
  readonly qrBaseUrl: string;
}

/** TEST ("TE"): release candidate, self-signed certificates accepted, shared data. */
export const KSEF_TEST: KsefEnvironment = {
  name: 'TEST',
  apiBaseUrl: 'https://api-test.ksef.mf.gov.pl/v2',
  qrBaseUrl: 'https://qr-test.ksef.mf.gov.pl',
};

/** DEMO ("TR"): pre-production. */
export const KSEF_DEMO: KsefEnvironment = {
  name: 'DEMO',
  apiBaseUrl: 'https://api-demo.ksef.mf.gov.pl/v2',
  qrBaseUrl: 'https://qr-demo.ksef.mf.gov.pl',
};

/** Production. */
export const KSEF_PRD: KsefEnvironment = {
  name: 'PRD',
  apiBaseUrl: 'https://api.ksef.mf.gov.pl/v2',
  qrBaseUrl: 'https://qr.ksef.mf.gov.pl',
};

/** A simulator (or any other stand-in) at an arbitrary URL. */
export function simulatorEnvironment(apiBaseUrl: string, qrBaseUrl?: string): KsefEnvironment {
  const api = apiBaseUrl.replace(/\/+$/, '');
  return { name: 'SIM', apiBaseUrl: api, qrBaseUrl: (qrBaseUrl ?? new URL(api).origin).replace(/\/+$/, '') };
}

/** Resolves `TEST` / `DEMO` / `PRD` or a URL (taken as a simulator base). */
export function resolveEnvironment(nameOrUrl: string): KsefEnvironment {
  switch (nameOrUrl.toUpperCase()) {
    case 'TEST':
      return KSEF_TEST;
    case 'DEMO':
      return KSEF_DEMO;
    case 'PRD':
    case 'PROD':
      return KSEF_PRD;
    default:
      if (/^https?:\/\//i.test(nameOrUrl)) return simulatorEnvironment(nameOrUrl);
      throw new Error(`Nieznane środowisko KSeF: ${nameOrUrl} (dozwolone: TEST, DEMO, PRD lub adres URL)`);
  }
}
