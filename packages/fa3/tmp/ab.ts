import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import { buildInvoice, invoiceFromJson, renderInvoicePdf } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
const now = new Date('2026-02-01T10:00:00Z');
async function main() {
  // warm + install table cache
  const docs = Array.from({ length: 400 }, (_, k) => { const invoice = invoiceFromJson(posInvoiceInput(20, 40, k + 1), { now }); return { invoice, xml: buildInvoice(invoice) }; });
  let next = 0;
  const render = () => { const d = docs[next++ % docs.length]!; return renderInvoicePdf(d.invoice, { invoiceXml: d.xml, environment: 'PRD', ksefNumber: '5265877635-20250826-0100001AF629-AF' }); };
  for (let i = 0; i < 10; i++) await render();
  const fromPdfmake = createRequire(require.resolve('pdfmake/package.json'));
  const fontkit = createRequire(fromPdfmake.resolve('pdfkit'))('fontkit');
  const proto = Object.getPrototypeOf(fontkit.create(require('node:fs').readFileSync(fromPdfmake.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'))));
  const original = proto.layout;
  const runs = new Map(); const keys = new WeakMap(); const first = new Map();
  let enabled = false;
  proto.layout = function (text: string, ...o: unknown[]) {
    if (!enabled) return original.call(this, text, ...o);
    let fk = keys.get(this); if (!fk) { const b = this.stream.buffer; fk = `${b.byteLength}:${crc32(b)}`; keys.set(this, fk); if (!first.has(fk)) first.set(fk, this); }
    const key = fk + '\0' + JSON.stringify(o[0] ?? null) + '\0' + text;
    let run = runs.get(key); if (!run) { run = original.call(first.get(fk), text, ...o); runs.set(key, run); }
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run)), run); copy.glyphs = run.glyphs.slice(); copy.positions = run.positions.map((p: object) => Object.assign(Object.create(Object.getPrototypeOf(p)), p)); return copy;
  };
  const measure = async (n: number) => { const c0 = process.cpuUsage(); const t0 = performance.now(); for (let i = 0; i < n; i++) await render(); const c = process.cpuUsage(c0); return [(performance.now() - t0) / n, (c.user + c.system) / 1000 / n]; };
  for (let round = 0; round < 4; round++) {
    enabled = false; const a = await measure(40);
    enabled = true; const b = await measure(40);
    console.log(`off wall ${a[0]!.toFixed(1)} cpu ${a[1]!.toFixed(1)} | on wall ${b[0]!.toFixed(1)} cpu ${b[1]!.toFixed(1)}  cache ${runs.size}`);
  }
}
main();
