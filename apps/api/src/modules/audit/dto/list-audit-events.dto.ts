import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const dateTime = z.iso.datetime({ offset: true, error: 'Podaj datę w formacie ISO 8601 (np. 2026-01-31T00:00:00Z).' });

export const listAuditEventsSchema = z
  .object({
    action: z.string().trim().min(1).max(64).optional(),
    actorUserId: z.uuid({ error: 'Podaj identyfikator użytkownika (UUID).' }).optional(),
    targetType: z.string().trim().min(1).max(32).optional(),
    from: dateTime.optional(),
    to: dateTime.optional(),
    page: z.coerce
      .number({ error: 'Numer strony musi być liczbą.' })
      .int()
      .min(1, { error: 'Strony liczymy od 1.' })
      .default(1),
    pageSize: z.coerce
      .number({ error: 'Rozmiar strony musi być liczbą.' })
      .int()
      .min(1, { error: 'Rozmiar strony to co najmniej 1.' })
      .max(200, { error: 'Rozmiar strony to najwyżej 200.' })
      .default(50),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    error: 'Data „od” nie może być późniejsza niż data „do”.',
    path: ['to'],
  });

export class ListAuditEventsDto extends createZodDto(listAuditEventsSchema) {}

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime({ offset: true }),
    actor: z.object({ type: z.enum(['user', 'apiKey']), id: z.uuid(), name: z.string().nullable() }).nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventPageSchema = z.object({
  items: z.array(auditEventSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export class AuditEventPageDto extends createZodDto(auditEventPageSchema) {}
