import type { KsefApi } from '@bufor/ksef-client';
import { z } from 'zod';

/** What is sealed in ksef_credentials.secret_envelope, one shape per method. */
export type CredentialSecret =
  | { kind: 'token'; token: string }
  | { kind: 'certificate'; certificatePem: string; privateKeyPem: string }
  | {
      kind: 'external_signature';
      accessToken: KsefApi.TokenInfo;
      refreshToken: KsefApi.TokenInfo;
      referenceNumber?: string;
    };

const tokenInfo = z.object({ token: z.string(), validUntil: z.string() });
const secretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: z.string() }),
  z.object({ kind: z.literal('certificate'), certificatePem: z.string(), privateKeyPem: z.string() }),
  z.object({
    kind: z.literal('external_signature'),
    accessToken: tokenInfo,
    refreshToken: tokenInfo,
    referenceNumber: z.string().optional(),
  }),
]);

export function serializeSecret(secret: CredentialSecret): string {
  return JSON.stringify(secret);
}

export function parseSecret(text: string): CredentialSecret {
  return secretSchema.parse(JSON.parse(text));
}
