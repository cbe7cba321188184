// Test support: turns PDF bytes into text with poppler's pdftotext (installed on dev machines and CI images).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `layout` keeps columns side by side; `raw` keeps content-stream order (watermark letters come out in order). */
export function pdfText(pdf: Buffer, mode: 'layout' | 'raw' = 'layout'): string {
  const dir = mkdtempSync(join(tmpdir(), 'fa3-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [`-${mode}`, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
