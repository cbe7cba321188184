import { gunzipSync, gzipSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { extract, pack } from 'tar-stream';

/** Archive formats KSeF accepts for batch packages and produces for exports (`compressionType`). */
export type CompressionType = 'Zip' | 'TarGz';

export interface InvoiceFile {
  /** File name inside the archive (returned by KSeF as `invoiceFileName`). */
  name: string;
  content: Uint8Array;
}

/** Fixed entry time: the same files always give the same archive bytes, so an upload can be resumed from them. */
const ENTRY_TIME = new Date('2025-01-01T00:00:00Z');

/** Packs files (names must be unique) into a ZIP or tar.gz of exactly the bytes given. */
export async function packArchive(files: readonly InvoiceFile[], type: CompressionType = 'Zip'): Promise<Buffer> {
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`Powtórzona nazwa pliku w paczce: ${f.name}`);
    names.add(f.name);
  }
  if (type === 'Zip') {
    const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
    for (const f of files) entries[f.name] = [f.content, { mtime: ENTRY_TIME }];
    return Buffer.from(zipSync(entries, { level: 6 }));
  }
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  for (const f of files) tar.entry({ name: f.name, size: f.content.length, mtime: ENTRY_TIME }, Buffer.from(f.content));
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks), { level: 6 });
}

/** The format of an archive, from its first bytes (ZIP `PK`, gzip `1f 8b`). */
export function archiveType(data: Uint8Array): CompressionType {
  if (data[0] === 0x50 && data[1] === 0x4b) return 'Zip';
  if (data[0] === 0x1f && data[1] === 0x8b) return 'TarGz';
  throw new Error('Nieznany format archiwum (oczekiwano ZIP albo tar.gz)');
}

/** Unpacks a ZIP or tar.gz (recognised by its content) into files by name; directories are skipped. */
export async function unpackArchive(data: Uint8Array): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  if (archiveType(data) === 'Zip') {
    for (const [name, content] of Object.entries(unzipSync(data))) {
      if (!name.endsWith('/')) files.set(name, Buffer.from(content));
    }
    return files;
  }
  const extractor = extract();
  const reading = (async () => {
    for await (const entry of extractor) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (entry.header.type === 'file') files.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  extractor.end(gunzipSync(data));
  await reading;
  return files;
}
