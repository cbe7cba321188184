import type { Content, TableCell } from 'pdfmake/interfaces';

/** Building blocks shared by the invoice and the UPO documents, so both look alike. */
export const STYLES = {
  title: { fontSize: 16, bold: true },
  sectionTitle: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] as [number, number, number, number] },
  label: { color: '#555555' },
  tableHeader: { bold: true, fillColor: '#eeeeee', fontSize: 8 },
  small: { fontSize: 7.5 },
  link: { fontSize: 7, color: '#1a4fa0' },
};

/** A4 width minus the 40 pt margins. */
export const CONTENT_WIDTH = 515;

export function sectionTitle(text: string, width = CONTENT_WIDTH): Content {
  return {
    stack: [
      { text, style: 'sectionTitle' },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.5, lineColor: '#999999' }] },
    ],
    margin: [0, 0, 0, 4],
  };
}

/** "Label: value" lines; pairs without a value are left out. */
export function keyValues(pairs: readonly (readonly [string, string | undefined])[]): Content[] {
  return pairs
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([label, value]) => ({ text: [{ text: `${label}: `, style: 'label' }, value], margin: [0, 1, 0, 1] }));
}

export function table(headers: readonly string[], rows: TableCell[][], widths: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [headers.map((header) => ({ text: header, style: 'tableHeader' })), ...rows],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#bbbbbb',
      vLineColor: () => '#bbbbbb',
    },
    fontSize: 8,
  };
}

export function right(text: string): TableCell {
  return { text, alignment: 'right' };
}
