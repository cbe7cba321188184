export * from './environment/ksef-environment';
export * from './http/ksef-errors';
export * from './http/ksef-http.client';
export * from './rate-limit/rate-limit-groups';
export * from './rate-limit/rate-limit-policy';
export * from './rate-limit/rate-limiter';
export * from './rate-limit/in-memory-rate-limiter';
export * from './rate-limit/redis-rate-limiter';
export * from './util/clock';
/** Models generated from open-api.json (`KsefApi.SendInvoiceRequest`, ...). */
export type * as KsefApi from './generated/ksef-api.models';
export { KSEF_OPERATIONS } from './generated/ksef-api.models';
export * from './crypto/ksef-crypto';
export * from './crypto/public-key.service';
export * from './crypto/auth-token-request';
export * from './crypto/xades-signer';
export * from './crypto/certificate-tools';
