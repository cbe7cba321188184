import { aesEncrypt, sha256Base64, type SymmetricKey } from '../crypto/ksef-crypto';

/** Documented batch limits. */
export const BATCH_LIMITS = {
  maxParts: 50,
  maxPartSize: 100_000_000,
  maxArchiveSize: 5_000_000_000,
  maxInvoices: 10_000,
} as const;

export interface BatchPart {
  ordinalNumber: number;
  encrypted: Buffer;
  fileSize: number;
  fileHash: string;
}

export interface BatchPackage {
  archive: Buffer;
  fileSize: number;
  fileHash: string;
  parts: BatchPart[];
}

/**
 * Splits the archive binary into the fewest equal parts that fit `maxPartSize` (before encryption) and encrypts
 * each part independently with the session key and IV.
 */
export function buildBatchPackage(
  archive: Buffer,
  sym: SymmetricKey,
  maxPartSize: number = BATCH_LIMITS.maxPartSize,
): BatchPackage {
  if (archive.length > BATCH_LIMITS.maxArchiveSize) {
    throw new Error(`Archiwum przekracza ${BATCH_LIMITS.maxArchiveSize} B`);
  }
  const limit = Math.min(maxPartSize, BATCH_LIMITS.maxPartSize);
  const count = Math.max(1, Math.ceil(archive.length / limit));
  if (count > BATCH_LIMITS.maxParts)
    throw new Error(`Archiwum wymaga ${count} części (dozwolone ${BATCH_LIMITS.maxParts})`);
  const size = Math.ceil(archive.length / count);
  const parts: BatchPart[] = [];
  for (let i = 0; i < count; i++) {
    const encrypted = aesEncrypt(sym, archive.subarray(i * size, Math.min(archive.length, (i + 1) * size)));
    parts.push({ ordinalNumber: i + 1, encrypted, fileSize: encrypted.length, fileHash: sha256Base64(encrypted) });
  }
  return { archive, fileSize: archive.length, fileHash: sha256Base64(archive), parts };
}
