import { KSEF_CREDENTIAL_METHODS, KSEF_ENVIRONMENTS } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const dateTime = z.iso.datetime({ offset: true });

export const ksefConnectionSchema = z.object({
  environment: z.enum(KSEF_ENVIRONMENTS),
  method: z.enum(KSEF_CREDENTIAL_METHODS).nullable(),
  active: z.boolean(),
  expiresAt: dateTime.nullable(),
  lastSuccessAt: dateTime.nullable(),
  /** Polish, as shown in the panel. */
  lastError: z.string().nullable(),
  lastErrorAt: dateTime.nullable(),
  /** Non-secret facts: certificate subject and serial, token description. */
  details: z.record(z.string(), z.string()),
});

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  checkedAt: dateTime,
  error: z.string().optional(),
});

export const externalChallengeSchema = z.object({
  requestId: z.uuid(),
  unsignedXml: z.string(),
  expiresAt: dateTime,
});

const expiry = z.enum(['ok', 'soon', 'expired']);

export const ksefTokenListSchema = z.object({
  items: z.array(
    z.object({
      referenceNumber: z.string(),
      description: z.string(),
      status: z.string(),
      permissions: z.array(z.string()),
      createdAt: dateTime,
      lastUsedAt: dateTime.nullable(),
      /** KSeF tokens do not expire by date; they end when revoked. */
      expiresAt: dateTime.nullable(),
      expiry,
    }),
  ),
});

export const ksefCertificateListSchema = z.object({
  items: z.array(
    z.object({
      serialNumber: z.string(),
      name: z.string(),
      type: z.string(),
      commonName: z.string(),
      status: z.string(),
      validFrom: dateTime,
      expiresAt: dateTime,
      expiry,
    }),
  ),
});

export class KsefConnectionDto extends createZodDto(ksefConnectionSchema) {}
export class ConnectionTestDto extends createZodDto(connectionTestSchema) {}
export class ExternalChallengeDto extends createZodDto(externalChallengeSchema) {}
export class KsefTokenListDto extends createZodDto(ksefTokenListSchema) {}
export class KsefCertificateListDto extends createZodDto(ksefCertificateListSchema) {}
