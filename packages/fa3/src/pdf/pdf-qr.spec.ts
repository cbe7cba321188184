import type { CanvasRect } from 'pdfmake/interfaces';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from '../qr/qr-image';
import { qrCanvas } from './pdf-qr';

const LINK = 'https://qr.ksef.mf.gov.pl/invoice/5265877635/15-01-2026/WsfG22UyY0-7Tm25dQQBFwuS4oqmCmUmyfB1FqDKYRY';

describe('qrCanvas', () => {
  it('paints exactly the dark modules, inside a white square with a four-module quiet zone', () => {
    const width = 110;
    const matrix = qrMatrix(LINK);
    const unit = width / (matrix.size + 8);
    const [background, ...black] = (qrCanvas(LINK, width) as { canvas: CanvasRect[] }).canvas;
    expect(background).toEqual(expect.objectContaining({ x: 0, y: 0, w: width, h: width, color: '#ffffff' }));
    const painted = (x: number, y: number) =>
      black.some((r) => r.color === '#000000' && x > r.x && x < r.x + r.w && y > r.y && y < r.y + r.h);
    for (let row = -4; row < matrix.size + 4; row++) {
      for (let column = -4; column < matrix.size + 4; column++) {
        const inside = row >= 0 && column >= 0 && row < matrix.size && column < matrix.size;
        const centre = { x: (column + 4.5) * unit, y: (row + 4.5) * unit };
        expect(painted(centre.x, centre.y)).toBe(inside && matrix.isDark(row, column));
      }
    }
    // Runs repeated by the rows below share one rectangle (finder patterns, vertical bars): fewer shapes than runs.
    let runs = 0;
    for (let row = 0; row < matrix.size; row++)
      for (let column = 0; column < matrix.size; column++)
        if (matrix.isDark(row, column) && (column === 0 || !matrix.isDark(row, column - 1))) runs++;
    expect(black.length).toBeLessThan(runs);
  });
});
