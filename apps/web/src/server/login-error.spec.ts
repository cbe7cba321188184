import { describe, expect, it, vi } from 'vitest';
import { t } from '../i18n/t';
import { ApiError } from './api-client';
import { loginErrorMessage } from './login-error';

describe('loginErrorMessage', () => {
  it("shows the API's Polish detail for refused credentials and throttling", () => {
    expect(
      loginErrorMessage(new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'Nieprawidłowy e-mail lub hasło.', 'c1')),
    ).toBe('Nieprawidłowy e-mail lub hasło.');
    expect(loginErrorMessage(new ApiError(429, 'AUTH_THROTTLED', 'Spróbuj za 5 minut.', 'c2'))).toBe(
      'Spróbuj za 5 minut.',
    );
  });

  it('falls back to our own Polish text when the API gives no detail', () => {
    expect(loginErrorMessage(new ApiError(401, undefined, undefined, undefined))).toBe(t('login.errorInvalid'));
    expect(loginErrorMessage(new ApiError(429, undefined, undefined, undefined))).toBe(t('login.errorThrottled'));
  });

  it('never shows internals of unexpected failures', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(loginErrorMessage(new ApiError(500, 'INTERNAL', 'stack trace here', 'c3'))).toBe(t('login.errorGeneric'));
    expect(loginErrorMessage(new TypeError('fetch failed'))).toBe(t('login.errorGeneric'));
    expect(log).toHaveBeenCalledTimes(2);
    log.mockRestore();
  });
});
