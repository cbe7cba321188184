import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { extract } from 'tar-stream';

export interface ArchiveEntry {
  name: string;
  content: Buffer;
}

/** Unpacks a batch archive (ZIP or tar.gz) into its files, in archive order; directories are skipped. */
export async function unpackArchive(data: Buffer, compression: 'Zip' | 'TarGz'): Promise<ArchiveEntry[]> {
  if (compression === 'Zip') {
    const files = unzipSync(new Uint8Array(data.buffer, data.byteOffset, data.length));
    return Object.entries(files)
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, content]) => ({ name, content: Buffer.from(content) }));
  }
  const tar = gunzipSync(data);
  const entries: ArchiveEntry[] = [];
  const extractor = extract();
  const reading = (async () => {
    for await (const entry of extractor) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (entry.header.type === 'file') entries.push({ name: entry.header.name, content: Buffer.concat(chunks) });
    }
  })();
  extractor.end(tar);
  await reading;
  return entries;
}
