import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { installFontCaches } from './font-cache';

/** Roboto as shipped with pdfmake: it has every Polish letter. */
const FONT_DIR = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

let configured = false;

function configure(): void {
  if (configured) return;
  installFontCaches(join(FONT_DIR, 'Roboto-Regular.ttf'));
  pdfmake.setFonts({
    Roboto: {
      normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  // Documents are built from invoice data: never fetch URLs, and read nothing but the fonts from disk.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
  configured = true;
}

/** Renders a pdfmake document definition to PDF bytes. */
export async function renderPdfDocument(definition: TDocumentDefinitions): Promise<Buffer> {
  configure();
  const document = pdfmake.createPdf({ defaultStyle: { font: 'Roboto', fontSize: 9 }, ...definition });
  return document.getBuffer();
}
