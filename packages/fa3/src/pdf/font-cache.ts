import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

interface FontTable {
  tag: string;
}

interface GlyphRun {
  glyphs: object[];
  positions: object[];
}

interface FontkitFont {
  stream?: { buffer?: Uint8Array };
  _decodeTable?: (this: FontkitFont, table: FontTable) => unknown;
  layout?: (this: FontkitFont, text: string, ...options: unknown[]) => GlyphRun;
}

/**
 * Shaped words kept per font file. Invoices repeat most of their words (labels, units, rates, party and product
 * names), so this is plenty; past it the cache starts again rather than grow without bound in a long-lived process.
 */
const MAX_SHAPED_WORDS = 20_000;

let installed = false;

/**
 * pdfkit (under pdfmake) opens the TrueType files anew for every document and shapes every word again with fontkit's
 * OpenType engine; together that is most of the render time of a one-page invoice. Both depend only on the font
 * file, so fontkit's table decoder and its `layout` are wrapped to share results between documents:
 * - decoded tables: one copy per font file and table;
 * - shaped words: one pristine run per font file, features and text. Callers get a copy, because pdfkit scales the
 *   positions of the run it receives in place. Runs are shaped with the first font object opened for the file, so
 *   the cache keeps no later document's font (and file buffer) alive.
 * Measured in one process on alternating batches of different 20-line invoices: ~20% less time per PDF.
 * fontkit is pdfkit's private dependency, reached through pdfkit's own resolution; if its shape ever changes this
 * does nothing and documents render the same, only slower.
 */
export function installFontCaches(sampleFontFile: string): void {
  if (installed) return;
  installed = true;
  try {
    const fromPdfmake = createRequire(require.resolve('pdfmake/package.json'));
    const fromPdfkit = createRequire(fromPdfmake.resolve('pdfkit'));
    const fontkit = fromPdfkit('fontkit') as { create?: (buffer: Uint8Array) => FontkitFont };
    if (typeof fontkit.create !== 'function') return;
    const prototype = Object.getPrototypeOf(fontkit.create(readFileSync(sampleFontFile))) as FontkitFont;
    if (typeof prototype._decodeTable !== 'function' || typeof prototype.layout !== 'function') return;
    const files = new FontFiles();
    shareDecodedTables(prototype, prototype._decodeTable, files);
    shareShapedWords(prototype, prototype.layout, files);
  } catch {
    // Not fatal: see above.
  }
}

/** Names font objects by the file they were opened from and remembers the first object opened for each file. */
class FontFiles {
  private readonly keys = new WeakMap<FontkitFont, string>();
  readonly first = new Map<string, FontkitFont>();

  key(font: FontkitFont): string | undefined {
    let key = this.keys.get(font);
    if (key === undefined) {
      const buffer = font.stream?.buffer;
      if (!buffer) return undefined;
      key = `${buffer.byteLength}:${crc32(buffer)}`;
      this.keys.set(font, key);
      if (!this.first.has(key)) this.first.set(key, font);
    }
    return key;
  }
}

function shareDecodedTables(
  prototype: FontkitFont,
  decode: NonNullable<FontkitFont['_decodeTable']>,
  files: FontFiles,
): void {
  const tables = new Map<string, unknown>();
  prototype._decodeTable = function (this: FontkitFont, table: FontTable): unknown {
    const file = files.key(this);
    if (file === undefined) return decode.call(this, table);
    const key = `${file}:${table.tag}`;
    if (!tables.has(key)) tables.set(key, decode.call(this, table));
    return tables.get(key);
  };
}

function shareShapedWords(prototype: FontkitFont, layout: NonNullable<FontkitFont['layout']>, files: FontFiles): void {
  const runs = new Map<string, GlyphRun>();
  prototype.layout = function (this: FontkitFont, text: string, ...options: unknown[]): GlyphRun {
    const file = files.key(this);
    // pdfkit passes the text and at most the features; anything else (script, language, direction) is not cached.
    if (file === undefined || options.length > 1 || typeof text !== 'string')
      return layout.call(this, text, ...options);
    const key = `${file}\u0000${JSON.stringify(options[0] ?? null)}\u0000${text}`;
    let run = runs.get(key);
    if (run === undefined) {
      run = layout.call(files.first.get(file)!, text, ...options);
      if (runs.size >= MAX_SHAPED_WORDS) runs.clear();
      runs.set(key, run);
    }
    return copyOfRun(run);
  };
}

/** A run pdfkit may change: new position objects and glyph list, the same (never modified) glyphs. */
function copyOfRun(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p): object =>
    Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p),
  );
  return copy;
}
