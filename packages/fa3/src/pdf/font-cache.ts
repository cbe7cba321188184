import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

interface FontTable {
  tag: string;
}

interface FontkitFont {
  stream?: { buffer?: Uint8Array };
  _decodeTable?: (this: FontkitFont, table: FontTable) => unknown;
}

let installed = false;

/**
 * pdfkit (under pdfmake) parses the TrueType file anew for every document, which is most of the render time of a
 * one-page invoice. Decoded font tables never change, so they are shared between documents: fontkit's table decoder
 * is wrapped to keep one decoded copy per font file and table. fontkit is pdfkit's private dependency, reached through
 * pdfkit's own resolution; if its shape ever changes this does nothing and documents render the same, only slower.
 */
export function cacheDecodedFontTables(sampleFontFile: string): void {
  if (installed) return;
  installed = true;
  try {
    const fromPdfmake = createRequire(require.resolve('pdfmake/package.json'));
    const fromPdfkit = createRequire(fromPdfmake.resolve('pdfkit'));
    const fontkit = fromPdfkit('fontkit') as { create?: (buffer: Uint8Array) => FontkitFont };
    if (typeof fontkit.create !== 'function') return;
    const prototype = Object.getPrototypeOf(fontkit.create(readFileSync(sampleFontFile))) as FontkitFont;
    const decode = prototype._decodeTable;
    if (typeof decode !== 'function') return;
    const fileKeys = new WeakMap<FontkitFont, string>();
    const tables = new Map<string, unknown>();
    prototype._decodeTable = function (this: FontkitFont, table: FontTable): unknown {
      const buffer = this.stream?.buffer;
      if (!buffer) return decode.call(this, table);
      let fileKey = fileKeys.get(this);
      if (fileKey === undefined) {
        fileKey = `${buffer.byteLength}:${crc32(buffer)}`;
        fileKeys.set(this, fileKey);
      }
      const key = `${fileKey}:${table.tag}`;
      if (!tables.has(key)) tables.set(key, decode.call(this, table));
      return tables.get(key);
    };
  } catch {
    // Not fatal: see above.
  }
}
