import { constants, createCipheriv, createHash, privateDecrypt } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { pack } from 'tar-stream';
import { isoDateTime } from '../core/dates';
import { GoneError, KsefError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import { contextKey, type ContextIdentifier } from '../domain/identifiers';
import {
  EXPORT_RETENTION_MS,
  EXPORT_STATUS,
  invoiceExportsTable,
  MAX_CONCURRENT_EXPORTS,
  type ExportPartRecord,
  type InvoiceExportRecord,
} from '../domain/invoice-export';
import { retrievalSettings } from '../domain/retrieval-settings';
import type { StoredInvoiceRecord } from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';
import { findInvoices, invoiceMetadata, resolveRange, type InvoiceQueryFilters } from './invoice-query.service';

export interface InvoiceExportRequest {
  encryption: { encryptedSymmetricKey: string; initializationVector: string; publicKeyId?: string | null };
  filters: InvoiceQueryFilters;
  onlyMetadata?: boolean;
  compressionType?: 'Zip' | 'TarGz' | null;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

/** POST /invoices/exports: sync checks (21470, 21181, 21182, 21405), then the package is built asynchronously. */
export function startExport(ctx: SimulatorContext, context: ContextIdentifier, request: InvoiceExportRequest) {
  const publicKeyId = request.encryption.publicKeyId;
  if (publicKeyId && publicKeyId !== ctx.keys.symmetricKeyEncryption.publicKeyId) {
    throw new KsefError(21470, 'Nieznany lub wycofany identyfikator klucza publicznego.', [publicKeyId]);
  }
  if (context.type === 'InternalId' && request.filters.subjectType !== 'Subject3') {
    throw new KsefError(21181, 'Nieprawidłowe żądanie eksportu faktur.', [
      `subjectType ${request.filters.subjectType} nie jest dozwolony dla kontekstu ${context.type}.`,
    ]);
  }
  const key = contextKey(context);
  const now = ctx.clock.now();
  const exports = invoiceExportsTable(ctx.store);
  let running = 0;
  for (const record of exports.values()) if (record.contextKey === key && record.status.code === 100) running++;
  if (running >= MAX_CONCURRENT_EXPORTS) {
    throw new KsefError(21182, 'Osiągnięto limit równoczesnych eksportów.', [
      `Dozwolonych jest najwyżej ${MAX_CONCURRENT_EXPORTS} eksportów w toku w jednym kontekście.`,
    ]);
  }
  // Validation errors of the range are synchronous; a `from` past the HWM is reported as status 420.
  let beyondHwm = false;
  try {
    resolveRange(ctx, request.filters);
  } catch (error) {
    if (error instanceof KsefError && error.code === 21183) beyondHwm = true;
    else throw error;
  }
  const record: InvoiceExportRecord = {
    referenceNumber: newReferenceNumber('EH', now),
    contextKey: key,
    createdAt: now,
    status: EXPORT_STATUS.inProgress,
    completedDate: null,
    packageExpirationDate: null,
    package: null,
  };
  exports.set(record.referenceNumber, record);
  ctx.scheduler.run(ctx.faults.processingDelayMs, () => buildPackage(ctx, record, context, request, beyondHwm));
  return { referenceNumber: record.referenceNumber };
}

async function buildPackage(
  ctx: SimulatorContext,
  record: InvoiceExportRecord,
  context: ContextIdentifier,
  request: InvoiceExportRequest,
  beyondHwm: boolean,
): Promise<void> {
  const finish = (status: InvoiceExportRecord['status']) => {
    record.status = status;
    record.completedDate = ctx.clock.now();
  };
  if (beyondHwm) return finish(EXPORT_STATUS.beyondHwm);
  let aesKey: Buffer;
  try {
    aesKey = privateDecrypt(
      {
        key: ctx.keys.symmetricKeyEncryption.privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      Buffer.from(request.encryption.encryptedSymmetricKey, 'base64'),
    );
  } catch {
    return finish(EXPORT_STATUS.keyError);
  }
  const iv = Buffer.from(request.encryption.initializationVector, 'base64');
  if (aesKey.length !== 32 || iv.length !== 16) return finish(EXPORT_STATUS.keyError);

  const settings = retrievalSettings(ctx.store);
  let range;
  try {
    range = resolveRange(ctx, request.filters);
  } catch (error) {
    if (error instanceof KsefError && error.code === 21183) return finish(EXPORT_STATUS.beyondHwm);
    throw error;
  }
  const all = findInvoices(ctx, context, request.filters, range, 'Asc');
  const invoices: StoredInvoiceRecord[] = [];
  let bytes = 0;
  for (const invoice of all) {
    if (invoices.length >= settings.exportMaxInvoices || bytes + invoice.xml.length > settings.exportMaxBytes) break;
    invoices.push(invoice);
    bytes += invoice.xml.length;
  }
  const isTruncated = all.length > invoices.length;
  const archive = await buildArchive(invoices, request.onlyMetadata === true, request.compressionType ?? 'Zip');

  const parts: ExportPartRecord[] = [];
  const extension = request.compressionType === 'TarGz' ? 'tar.gz' : 'zip';
  for (let offset = 0, n = 1; offset < archive.length || n === 1; offset += settings.exportPartSizeBytes, n++) {
    const plain = archive.subarray(offset, offset + settings.exportPartSizeBytes);
    const cipher = createCipheriv('aes-256-cbc', aesKey, iv);
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
    parts.push({
      ordinalNumber: n,
      partName: `${record.referenceNumber}-${String(n).padStart(3, '0')}.${extension}.aes`,
      partSize: plain.length,
      partHash: sha256(plain),
      encrypted,
      encryptedPartHash: sha256(encrypted),
    });
  }
  const last = isTruncated ? invoices[invoices.length - 1] : undefined;
  const dateType = request.filters.dateRange.dateType;
  record.package = {
    invoiceCount: request.onlyMetadata ? 0 : invoices.length,
    size: archive.length,
    parts,
    isTruncated,
    lastIssueDate: last && dateType === 'Issue' ? last.issueDate : null,
    lastInvoicingDate: last && dateType === 'Invoicing' ? last.invoicingDate : null,
    lastPermanentStorageDate: last && dateType === 'PermanentStorage' ? last.permanentStorageDate : null,
    permanentStorageHwmDate: range.hwm,
  };
  record.packageExpirationDate = ctx.clock.now() + settings.exportPackageLifetimeMs;
  finish(EXPORT_STATUS.done);
}

async function buildArchive(
  invoices: StoredInvoiceRecord[],
  onlyMetadata: boolean,
  type: 'Zip' | 'TarGz',
): Promise<Buffer> {
  const files: [string, Buffer][] = [];
  if (!onlyMetadata) for (const invoice of invoices) files.push([`${invoice.ksefNumber}.xml`, invoice.xml]);
  files.push(['_metadata.json', Buffer.from(JSON.stringify({ invoices: invoices.map(invoiceMetadata) }), 'utf8')]);
  if (type === 'Zip')
    return Buffer.from(zipSync(Object.fromEntries(files.map(([name, data]) => [name, new Uint8Array(data)]))));
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    tar.on('data', (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const [name, data] of files) tar.entry({ name, size: data.length }, data);
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

export function exportPartPath(referenceNumber: string, ordinalNumber: number): string {
  return `/storage/exports/${referenceNumber}/${ordinalNumber}`;
}

/** GET /invoices/exports/{ref}: part URLs are re-signed on every call; 210 after the package expired; 410 after 7 days. */
export function exportStatus(
  ctx: SimulatorContext,
  context: ContextIdentifier,
  referenceNumber: string,
  baseUrl: string,
) {
  const record = invoiceExportsTable(ctx.store).get(referenceNumber);
  if (!record || record.contextKey !== contextKey(context)) {
    throw new KsefError(21175, 'Wynik eksportu o podanym identyfikatorze nie istnieje.', [referenceNumber]);
  }
  const now = ctx.clock.now();
  if (now > record.createdAt + EXPORT_RETENTION_MS) throw new GoneError();
  const expired = record.packageExpirationDate !== null && now > record.packageExpirationDate;
  const pkg = record.package;
  const urlExpiry = Math.min(
    now + retrievalSettings(ctx.store).exportPartUrlLifetimeMs,
    record.packageExpirationDate ?? now,
  );
  return {
    status: expired ? EXPORT_STATUS.expired : record.status,
    completedDate: record.completedDate === null ? null : isoDateTime(record.completedDate),
    packageExpirationDate: record.packageExpirationDate === null ? null : isoDateTime(record.packageExpirationDate),
    package:
      pkg && !expired
        ? {
            invoiceCount: pkg.invoiceCount,
            size: pkg.size,
            parts: pkg.parts.map((part) => ({
              ordinalNumber: part.ordinalNumber,
              partName: part.partName,
              method: 'GET',
              url: ctx.urls.sign(baseUrl, exportPartPath(record.referenceNumber, part.ordinalNumber), urlExpiry),
              partSize: part.partSize,
              partHash: part.partHash,
              encryptedPartSize: part.encrypted.length,
              encryptedPartHash: part.encryptedPartHash,
              expirationDate: isoDateTime(urlExpiry),
            })),
            isTruncated: pkg.isTruncated,
            lastIssueDate: pkg.lastIssueDate,
            lastInvoicingDate: pkg.lastInvoicingDate === null ? null : isoDateTime(pkg.lastInvoicingDate),
            lastPermanentStorageDate:
              pkg.lastPermanentStorageDate === null ? null : isoDateTime(pkg.lastPermanentStorageDate),
            permanentStorageHwmDate:
              pkg.permanentStorageHwmDate === null ? null : isoDateTime(pkg.permanentStorageHwmDate),
          }
        : null,
  };
}

/** The encrypted part behind a pre-signed URL, or null (unknown / expired package). */
export function exportPart(ctx: SimulatorContext, referenceNumber: string, ordinalNumber: number): Buffer | null {
  const record = invoiceExportsTable(ctx.store).get(referenceNumber);
  if (!record?.package) return null;
  if (record.packageExpirationDate !== null && ctx.clock.now() > record.packageExpirationDate) return null;
  return record.package.parts.find((p) => p.ordinalNumber === ordinalNumber)?.encrypted ?? null;
}
