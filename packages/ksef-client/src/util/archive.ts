import { promisify } from 'node:util';
import { crc32, deflateRawSync, gunzipSync, gzip } from 'node:zlib';
import { unzipSync } from 'fflate';
import { extract } from 'tar-stream';

/** Archive formats KSeF accepts for batch packages and produces for exports (`compressionType`). */
export type CompressionType = 'Zip' | 'TarGz';

export interface InvoiceFile {
  /** File name inside the archive (returned by KSeF as `invoiceFileName`). */
  name: string;
  content: Uint8Array;
}

const gzipAsync = promisify(gzip);

/** Fixed entry time: the same files always give the same archive bytes, so an upload can be resumed from them. */
const ENTRY_TIME = new Date('2025-01-01T00:00:00Z');

/**
 * Packs files (names must be unique) into a ZIP or tar.gz of exactly the bytes given. The single gzip of a tar.gz
 * runs on libuv's thread pool; ZIP entries are deflated one by one synchronously (10,000 asynchronous zlib calls
 * cost several times more than the compression itself).
 */
export async function packArchive(files: readonly InvoiceFile[], type: CompressionType = 'Zip'): Promise<Buffer> {
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`Powtórzona nazwa pliku w paczce: ${f.name}`);
    names.add(f.name);
  }
  if (type === 'Zip') return zip(files);
  const tar: Uint8Array[] = [];
  for (const f of files) tar.push(ustarHeader(f.name, f.content.length), f.content, zeroPad(f.content.length));
  tar.push(Buffer.alloc(1024));
  // Level 3: for many similar XML files it is both smaller and several times faster than the default 6.
  return gzipAsync(Buffer.concat(tar), { level: 3 });
}

/** DOS date and time of {@link ENTRY_TIME} (2025-01-01 00:00), as ZIP headers store them. */
const DOS_DATE = ((2025 - 1980) << 9) | (1 << 5) | 1;
/** General purpose flag 11: file names are UTF-8. */
const UTF8_NAMES = 0x0800;

/**
 * A ZIP of entries deflated by Node's native zlib, written here rather than with fflate, whose pure-JS deflate is
 * about four times slower on 10,000 small invoices (most of a batch's client-side time). Reading uses fflate.
 */
function zip(files: readonly InvoiceFile[]): Buffer {
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = deflateRawSync(f.content, { level: 6 });
    const crc = crc32(f.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(f.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // version made by
    local.copy(entry, 6, 4, 30); // version needed .. name length are the same fields
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    chunks.push(local, name, data);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  if (files.length > 0xffff || offset + directory.length > 0xffffffff) {
    throw new Error('Archiwum ZIP przekracza 65 535 plików lub 4 GB; użyj tar.gz (compressionType: TarGz)');
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

/**
 * One POSIX ustar header. Written here rather than with tar-stream's packer: its stream machinery costs ~65 µs
 * per entry, most of the time of packing 10,000 small invoices; reading still goes through tar-stream.
 */
function ustarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`Nazwa pliku w paczce jest dłuższa niż 100 bajtów: ${name}`);
  nameBytes.copy(header, 0);
  const octal = (value: number, offset: number, width: number) =>
    header.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'ascii');
  octal(0o644, 100, 8); // mode
  octal(0, 108, 8); // uid
  octal(0, 116, 8); // gid
  octal(size, 124, 12);
  octal(Math.floor(ENTRY_TIME.getTime() / 1000), 136, 12);
  header.write('        ', 148, 8, 'ascii'); // checksum is computed with its own field as spaces
  header.write('0', 156, 1, 'ascii'); // regular file
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

function zeroPad(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512);
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
