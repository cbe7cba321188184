import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildInvoice, invoiceFromJson } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
import { FA3_SCHEMA_DIR, FA3_SCHEMA_FILE } from '../src/validation/xsd-validator';
async function main() {
const lib = await import('libxml2-wasm');
const files: Record<string, Uint8Array> = {};
for (const e of readdirSync(FA3_SCHEMA_DIR, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.xsd')) { const p = join(e.parentPath, e.name); files[p] = readFileSync(p); }
lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
const sd = lib.XmlDocument.fromBuffer(files[FA3_SCHEMA_FILE]!, { url: FA3_SCHEMA_FILE });
const schema = lib.XsdValidator.fromDoc(sd);
const opt = { option: lib.ParseOption.XML_PARSE_NONET | lib.ParseOption.XML_PARSE_COMPACT | lib.ParseOption.XML_PARSE_NOBLANKS };
const b = Buffer.from(buildInvoice(invoiceFromJson(posInvoiceInput(200), { now: new Date('2026-02-01T10:00:00Z') })));
const s = performance.now(); while (performance.now() - s < 6000) { const x = lib.XmlDocument.fromBuffer(b, opt); schema.validate(x); x.dispose(); }
}
main();
