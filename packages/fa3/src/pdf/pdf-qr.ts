import type { CanvasElement, Content } from 'pdfmake/interfaces';
import { qrMatrix } from '../qr/qr-image';

/** The quiet zone around a QR code, in modules (ISO/IEC 18004). */
const QUIET_ZONE = 4;
/** Neighbouring rectangles overlap by this much (pt) so that viewers' anti-aliasing draws no hairlines between them. */
const OVERLAP = 0.1;

/**
 * A QR code as pdfmake vector shapes, `width` points square including the quiet zone: a white square and black
 * rectangles covering the dark modules. Each rectangle takes the longest run of dark modules from its top-left
 * module and grows downwards while the rows below repeat that run, so finder patterns and columns cost a few
 * shapes instead of one per row. pdfkit draws them directly, at a fraction of the cost of an SVG (which pdfmake
 * parses in every document); every shape resets the graphics state, so fewer shapes are faster.
 */
export function qrCanvas(text: string, width: number): Content {
  const matrix = qrMatrix(text);
  const size = matrix.size;
  const unit = width / (size + 2 * QUIET_ZONE);
  const covered = new Uint8Array(size * size);
  const free = (row: number, column: number) => matrix.isDark(row, column) && covered[row * size + column] === 0;
  const shapes: CanvasElement[] = [{ type: 'rect', x: 0, y: 0, w: width, h: width, color: '#ffffff' }];
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (!free(row, column)) continue;
      let end = column + 1;
      while (end < size && free(row, end)) end++;
      let bottom = row + 1;
      while (bottom < size && rowRunIsFree(free, bottom, column, end)) bottom++;
      for (let r = row; r < bottom; r++) covered.fill(1, r * size + column, r * size + end);
      shapes.push({
        type: 'rect',
        x: (column + QUIET_ZONE) * unit,
        y: (row + QUIET_ZONE) * unit,
        w: (end - column) * unit + (end < size ? OVERLAP : 0),
        h: (bottom - row) * unit + (bottom < size ? OVERLAP : 0),
        color: '#000000',
      });
      column = end - 1;
    }
  }
  return { canvas: shapes };
}

function rowRunIsFree(free: (row: number, column: number) => boolean, row: number, from: number, to: number): boolean {
  for (let column = from; column < to; column++) if (!free(row, column)) return false;
  return true;
}
