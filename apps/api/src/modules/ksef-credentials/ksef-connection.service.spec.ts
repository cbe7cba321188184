import { KsefAuthError, KsefUnavailableError } from '@bufor/ksef-client';
import { KeyVaultError } from '@bufor/platform';
import { describe, expect, it } from 'vitest';
import { expiryCategory } from './ksef-connection.service';
import { describeKsefFailure } from './ksef-failure';

describe('expiry colours', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

  it('is ok beyond 30 days or without an end date, soon within 30 days, expired when past', () => {
    expect(expiryCategory(null, now)).toBe('ok');
    expect(expiryCategory(inDays(31), now)).toBe('ok');
    expect(expiryCategory(inDays(30), now)).toBe('soon');
    expect(expiryCategory(inDays(0.001), now)).toBe('soon');
    expect(expiryCategory(now, now)).toBe('expired');
    expect(expiryCategory(inDays(-1), now)).toBe('expired');
  });
});

describe('KSeF failures in Polish', () => {
  it('says KSeF refused, with its code and reason', () => {
    const error = new KsefAuthError({
      status: 450,
      message: 'x',
      details: [{ code: 450, description: 'Nieprawidłowy token', details: ['Token unieważniony'] }],
    });
    expect(describeKsefFailure(error, 'SIM')).toBe(
      'KSeF (SIM) odrzucił uwierzytelnienie (kod 450): Nieprawidłowy token Token unieważniony. Sprawdź token lub certyfikat i uprawnienia.',
    );
  });

  it('tells an unreachable KSeF and an undecryptable credential apart', () => {
    expect(describeKsefFailure(new KsefUnavailableError({ status: 503, message: 'x' }, false), 'DEMO')).toMatch(
      /^Nie udało się połączyć z KSeF \(DEMO\)/,
    );
    expect(describeKsefFailure(new TypeError('fetch failed'), 'TEST')).toMatch(
      /^Nie udało się połączyć z KSeF \(TEST\)/,
    );
    expect(describeKsefFailure(new KeyVaultError('SECRET_DECRYPT_FAILED', 'x'), 'SIM')).toMatch(/odszyfrować/);
  });
});
