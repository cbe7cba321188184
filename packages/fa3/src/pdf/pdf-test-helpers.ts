// Test support: reads PDF bytes back with poppler (pdftotext, pdftoppm; installed on dev machines and CI images).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';

/** `layout` keeps columns side by side; `raw` keeps content-stream order (watermark letters come out in order). */
export function pdfText(pdf: Buffer, mode: 'layout' | 'raw' = 'layout'): string {
  return withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/**
 * Rasterises every page (150 dpi, greyscale) and decodes a QR code on each, as a phone would read the printout.
 * Returns the decoded texts in page order (pages without a readable code give nothing).
 */
export function pdfQrTexts(pdf: Buffer): string[] {
  return withPdfFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', '150', '-gray', file, join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((name) => name.endsWith('.pgm'))
      .sort();
    return pages.flatMap((name) => {
      const { width, height, grey } = readPgm(readFileSync(join(dir, name)));
      const rgba = new Uint8ClampedArray(width * height * 4);
      for (let i = 0; i < grey.length; i++) rgba.fill(grey[i]!, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4);
      const code = jsQR(rgba, width, height);
      return code ? [code.data] : [];
    });
  });
}

/** Every stream of the PDF (page contents, fonts, images), inflated where compressed, in file order. */
export function pdfStreams(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const streams: Buffer[] = [];
  for (const match of text.matchAll(/<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    streams.push(match[1]!.includes('/FlateDecode') ? inflateSync(raw) : raw);
  }
  return streams;
}

function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'fa3-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Binary PGM (P5, 8-bit) as written by pdftoppm -gray: a text header of four fields, then one byte per pixel. */
function readPgm(bytes: Buffer): { width: number; height: number; grey: Uint8Array } {
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(bytes[at]!))) at++;
    const start = at;
    while (!/\s/.test(String.fromCharCode(bytes[at]!))) at++;
    fields.push(bytes.toString('latin1', start, at));
  }
  const [magic, width, height, maxValue] = fields;
  if (magic !== 'P5' || maxValue !== '255') throw new Error(`unexpected image from pdftoppm: ${magic} ${maxValue}`);
  return { width: Number(width), height: Number(height), grey: bytes.subarray(at + 1) };
}
