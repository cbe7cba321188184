import QRCode from 'qrcode';
import { GLYPH_ADVANCE, GLYPH_HEIGHT, glyphRows } from './qr-font';
import { encodeGreyscalePng } from './png-encoder';

/** Caption under KOD I before KSeF assigned a number. */
export const QR_CAPTION_OFFLINE = 'OFFLINE';
/** Caption under KOD II. */
export const QR_CAPTION_CERTIFICATE = 'CERTYFIKAT';

/** Caption under KOD I: the KSeF number once known, `OFFLINE` before that. */
export function qrCodeICaption(ksefNumber: string | null | undefined): string {
  return ksefNumber ?? QR_CAPTION_OFFLINE;
}

export interface QrImageOptions {
  /** Text under the code; none when omitted. */
  caption?: string | null;
  /** PNG only: pixels per module (default 6). */
  moduleSize?: number;
  /** Quiet zone in modules (default 4, as ISO/IEC 18004 asks). */
  margin?: number;
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
}

export interface QrMatrix {
  size: number;
  isDark(row: number, column: number): boolean;
}

export function qrMatrix(text: string, errorCorrectionLevel: QrImageOptions['errorCorrectionLevel'] = 'M'): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel });
  return { size: modules.size, isDark: (row, column) => Boolean(modules.get(row, column)) };
}

/** SVG in module units; dark modules merged into horizontal runs to keep the path short. */
export function renderQrSvg(text: string, options: QrImageOptions = {}): string {
  const matrix = qrMatrix(text, options.errorCorrectionLevel);
  const margin = options.margin ?? 4;
  const side = matrix.size + 2 * margin;
  let path = '';
  for (let row = 0; row < matrix.size; row++) {
    let column = 0;
    while (column < matrix.size) {
      if (!matrix.isDark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < matrix.size && matrix.isDark(row, column)) column++;
      path += `M${start + margin} ${row + margin}h${column - start}v1h${start - column}z`;
    }
  }
  const caption = options.caption ?? null;
  const fontSize = caption ? Math.min(4, (side * 0.92) / (0.6 * caption.length)) : 0;
  const height = caption ? side + Math.ceil(fontSize * 1.6) : side;
  const captionSvg = caption
    ? `<text x="${side / 2}" y="${side + fontSize * 0.9}" font-family="Roboto, Arial, sans-serif" font-size="${fontSize.toFixed(2)}" text-anchor="middle" fill="#000">${escapeXml(caption)}</text>`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${height}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${height}" fill="#fff"/><path d="${path}" fill="#000"/>${captionSvg}</svg>`
  );
}

/** PNG, black on white, with the caption drawn in a built-in bitmap font below the code. */
export function renderQrPng(text: string, options: QrImageOptions = {}): Buffer {
  const matrix = qrMatrix(text, options.errorCorrectionLevel);
  const scale = options.moduleSize ?? 6;
  const margin = (options.margin ?? 4) * scale;
  const qrSide = matrix.size * scale + 2 * margin;
  const caption = options.caption ?? '';
  const fontScale = Math.max(1, Math.round(scale / 3));
  const captionWidth = caption.length * GLYPH_ADVANCE * fontScale;
  const width = Math.max(qrSide, captionWidth + 2 * fontScale * GLYPH_ADVANCE);
  const captionHeight = caption ? (GLYPH_HEIGHT + 4) * fontScale : 0;
  const height = qrSide + captionHeight;
  const pixels = new Uint8Array(width * height).fill(255);
  const fill = (x: number, y: number, w: number, h: number) => {
    for (let row = y; row < y + h; row++) pixels.fill(0, row * width + x, row * width + x + w);
  };
  const left = Math.floor((width - qrSide) / 2) + margin;
  for (let row = 0; row < matrix.size; row++) {
    for (let column = 0; column < matrix.size; column++) {
      if (matrix.isDark(row, column)) fill(left + column * scale, margin + row * scale, scale, scale);
    }
  }
  let x = Math.floor((width - captionWidth) / 2);
  const y = qrSide;
  for (const char of caption) {
    glyphRows(char).forEach((pixelsInRow, glyphRow) =>
      pixelsInRow.forEach((on, glyphColumn) => {
        if (on) fill(x + glyphColumn * fontScale, y + glyphRow * fontScale, fontScale, fontScale);
      }),
    );
    x += GLYPH_ADVANCE * fontScale;
  }
  return encodeGreyscalePng(width, height, pixels);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
