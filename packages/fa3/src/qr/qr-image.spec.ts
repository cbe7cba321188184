import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { QR_CAPTION_CERTIFICATE, qrCodeICaption, qrMatrix, renderQrPng, renderQrSvg } from './index';

const LINK = 'https://qr-test.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE';

/** Minimal PNG reader for the greyscale images we write: returns size and pixels. */
function readPng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  let offset = 8;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, pixel: (x, y) => raw[y * (width + 1) + 1 + x]! };
}

describe('QR images', () => {
  it('captions KOD I with the KSeF number when known and OFFLINE otherwise', () => {
    expect(qrCodeICaption('5265877635-20250826-0100001AF629-AF')).toBe('5265877635-20250826-0100001AF629-AF');
    expect(qrCodeICaption(null)).toBe('OFFLINE');
  });

  it('draws the exact module matrix into the PNG, with the caption below', () => {
    const matrix = qrMatrix(LINK);
    const png = readPng(renderQrPng(LINK, { caption: QR_CAPTION_CERTIFICATE, moduleSize: 4, margin: 4 }));
    const qrSide = (matrix.size + 8) * 4;
    expect(png.height).toBeGreaterThan(qrSide);
    const left = Math.floor((png.width - qrSide) / 2) + 16;
    for (let row = 0; row < matrix.size; row++) {
      for (let column = 0; column < matrix.size; column++) {
        const expected = matrix.isDark(row, column) ? 0 : 255;
        expect(png.pixel(left + column * 4 + 1, 16 + row * 4 + 1)).toBe(expected);
      }
    }
    let captionInk = 0;
    for (let y = qrSide; y < png.height; y++)
      for (let x = 0; x < png.width; x++) if (png.pixel(x, y) === 0) captionInk++;
    expect(captionInk).toBeGreaterThan(50);
  });

  it('widens the PNG to fit a KSeF number caption', () => {
    const png = readPng(renderQrPng(LINK, { caption: '5265877635-20250826-0100001AF629-AF', moduleSize: 6 }));
    expect(png.width).toBeGreaterThanOrEqual(35 * 6 * 2);
  });

  it('writes an SVG with the caption text and no caption when none is asked', () => {
    const svg = renderQrSvg(LINK, { caption: 'OFFLINE' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('>OFFLINE</text>');
    expect(renderQrSvg(LINK)).not.toContain('<text');
  });

  it('refuses PNG captions outside the caption alphabet', () => {
    expect(() => renderQrPng(LINK, { caption: 'ŻÓŁW' })).toThrow(/Znak/);
  });
});
