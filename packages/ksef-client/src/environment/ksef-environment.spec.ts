import { describe, expect, it } from 'vitest';
import { KSEF_DEMO, KSEF_PRD, KSEF_TEST, resolveEnvironment, simulatorEnvironment } from './ksef-environment';

describe('environments', () => {
  it('resolves names and URLs to API base and QR host', () => {
    expect(resolveEnvironment('test')).toBe(KSEF_TEST);
    expect(resolveEnvironment('DEMO').qrBaseUrl).toBe('https://qr-demo.ksef.mf.gov.pl');
    expect(resolveEnvironment('PRD')).toBe(KSEF_PRD);
    expect(KSEF_PRD.apiBaseUrl).toBe('https://api.ksef.mf.gov.pl/v2');
    expect(KSEF_DEMO.apiBaseUrl).toBe('https://api-demo.ksef.mf.gov.pl/v2');
    expect(resolveEnvironment('http://127.0.0.1:8100/v2/')).toEqual({
      name: 'SIM',
      apiBaseUrl: 'http://127.0.0.1:8100/v2',
      qrBaseUrl: 'http://127.0.0.1:8100',
    });
    expect(simulatorEnvironment('http://sim/v2', 'http://qr.sim/').qrBaseUrl).toBe('http://qr.sim');
    expect(() => resolveEnvironment('staging')).toThrow(/Nieznane środowisko/);
  });
});
