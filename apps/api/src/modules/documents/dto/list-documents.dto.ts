import { DOCUMENT_DIRECTIONS, DOCUMENT_KINDS, DOCUMENT_STATUSES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CURSOR_MESSAGES, decodeDocumentCursor } from '../document-cursor';

export const DOCUMENT_SORTS = ['issueDate', '-issueDate', 'number', '-number', 'grossTotal', '-grossTotal'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

const isoDate = (field: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field}: podaj datę w formacie RRRR-MM-DD.` })
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      {
        error: `${field}: taka data nie istnieje.`,
      },
    );

export const listDocumentsQuerySchema = z
  .object({
    folderId: z.uuid({ error: 'Podaj prawidłowy identyfikator katalogu.' }).optional(),
    kind: z.enum(DOCUMENT_KINDS, { error: `Dozwolone rodzaje: ${DOCUMENT_KINDS.join(', ')}.` }).optional(),
    direction: z.enum(DOCUMENT_DIRECTIONS, { error: 'Kierunek musi mieć wartość sales albo purchase.' }).optional(),
    status: z.enum(DOCUMENT_STATUSES, { error: `Dozwolone statusy: ${DOCUMENT_STATUSES.join(', ')}.` }).optional(),
    dateFrom: isoDate('Data od').optional(),
    dateTo: isoDate('Data do').optional(),
    /** Seller or buyer NIP. */
    nip: z
      .string()
      .regex(/^\d{10}$/, { error: 'NIP to 10 cyfr bez kresek.' })
      .optional(),
    /** The invoice number or its beginning. */
    number: z.string().trim().min(1, { error: 'Podaj numer faktury.' }).max(256).optional(),
    sort: z
      .enum(DOCUMENT_SORTS, { error: `Dozwolone sortowanie: ${DOCUMENT_SORTS.join(', ')}.` })
      .default('-issueDate'),
    /** `nextCursor` of the previous page: continues after its last row (keyset paging; any depth costs the same). */
    cursor: z.string({ error: CURSOR_MESSAGES.malformed }).optional(),
    /** Offset paging for the first pages; with `cursor` leave it out. */
    page: z.coerce
      .number({ error: 'Numer strony musi być liczbą.' })
      .int()
      .min(1, { error: 'Strony liczymy od 1.' })
      .max(100_000)
      .default(1),
    pageSize: z.coerce
      .number({ error: 'Rozmiar strony musi być liczbą.' })
      .int()
      .min(1, { error: 'Rozmiar strony to co najmniej 1.' })
      .max(200, { error: 'Rozmiar strony to najwyżej 200.' })
      .default(50),
  })
  .refine((q) => !q.dateFrom || !q.dateTo || q.dateFrom <= q.dateTo, {
    error: 'Data od nie może być późniejsza niż data do.',
    path: ['dateTo'],
  })
  .superRefine((q, issues) => {
    if (q.cursor === undefined) return;
    const decoded = decodeDocumentCursor(q.cursor, q.sort);
    if (typeof decoded === 'string')
      issues.addIssue({ code: 'custom', path: ['cursor'], message: CURSOR_MESSAGES[decoded] });
    else if (q.page !== 1)
      issues.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'Podaj kursor strony (cursor) albo numer strony (page), nie oba.',
      });
  });

export class ListDocumentsQueryDto extends createZodDto(listDocumentsQuerySchema) {}
export type DocumentFilters = z.infer<typeof listDocumentsQuerySchema>;

export const documentListItemSchema = z.object({
  id: z.uuid(),
  folderId: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  direction: z.enum(DOCUMENT_DIRECTIONS),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.string(),
  sellerNip: z.string().nullable(),
  sellerName: z.string(),
  buyerNip: z.string().nullable(),
  buyerName: z.string(),
  issueDate: z.string(),
  /** Decimal as a string (never a float). */
  grossTotal: z.string(),
  currency: z.string(),
  ksefNumber: z.string().nullable(),
});

export class DocumentListDto extends createZodDto(
  z.object({
    items: z.array(documentListItemSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** Matching documents: exact when only folder, kind and direction filter; else counted up to 10,000. */
    total: z.number().int(),
    /** false when more than 10,000 documents match (total then shows 10,000). */
    totalExact: z.boolean(),
    /** Pass as `cursor` for the next page (same filters and sort); null on the last page. */
    nextCursor: z.string().nullable(),
  }),
) {}
