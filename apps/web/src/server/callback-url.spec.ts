import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackUrl('/dokumenty?folder=1')).toBe('/dokumenty?folder=1');
    expect(safeCallbackUrl(['/zakupy', '/sprzedaz'])).toBe('/zakupy');
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'dokumenty',
    '/login?x=1',
    '/api/auth/signout',
  ])('falls back to the dashboard for %s', (value) => {
    expect(safeCallbackUrl(value)).toBe('/');
  });
});
