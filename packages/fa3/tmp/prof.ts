import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildInvoice, invoiceFromJson } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
import { FA3_SCHEMA_DIR, FA3_SCHEMA_FILE } from '../src/validation/xsd-validator';
async function main(){ const lib = await import('libxml2-wasm');
const NOW = new Date('2026-02-01T10:00:00Z');
const files: Record<string, Uint8Array> = {};
for (const e of readdirSync(FA3_SCHEMA_DIR, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.xsd')) { const p = join(e.parentPath, e.name); files[p] = readFileSync(p); }
lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
const sd = lib.XmlDocument.fromBuffer(files[FA3_SCHEMA_FILE]!, { url: FA3_SCHEMA_FILE });
const schema = lib.XsdValidator.fromDoc(sd);
const opt = { option: lib.ParseOption.XML_PARSE_NONET | lib.ParseOption.XML_PARSE_COMPACT | lib.ParseOption.XML_PARSE_NOBLANKS };
function t(label: string, fn: () => void) { const e0 = performance.now() + 1000; while (performance.now() < e0) fn(); let n = 0; const s = performance.now(); while (performance.now() - s < 2000) { fn(); n++; } console.log(label.padEnd(30), ((performance.now() - s) * 1000 / n).toFixed(1), 'µs'); }
for (const lines of [2, 20, 200]) {
  const b = Buffer.from(buildInvoice(invoiceFromJson(posInvoiceInput(lines), { now: NOW })));
  t(`${lines} parse+free`, () => lib.XmlDocument.fromBuffer(b, opt).dispose());
  const d = lib.XmlDocument.fromBuffer(b, opt);
  t(`${lines} validate only`, () => schema.validate(d));
  t(`${lines} parse+validate`, () => { const x = lib.XmlDocument.fromBuffer(b, opt); schema.validate(x); x.dispose(); });
}
}
main();
