/**
 * PDF render latency: `npx tsx bench/fa3-pdf.bench.ts` (also called from bench/fa3.bench.ts). Prints p50 / p95 of
 * rendering an invoice PDF (and a UPO), wall clock and CPU time of this process; asserts nothing. Target: p50 ≤ 100 ms.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildInvoice, invoiceFromJson, renderInvoicePdf, renderUpoPdf } from '../packages/fa3/src/index';
import { posInvoiceInput } from '../packages/fa3/src/testing/invoice-fixtures';

const KSEF_NUMBER = '5265877635-20250826-0100001AF629-AF';
const UPO_SAMPLE = resolve(
  __dirname,
  '../../shared/ksef/faktury/upo/przyklady/v4-3/kontekst-nip/upo-sesja-kontekst-id-nip.xml',
);

export interface LatencyFigure {
  p50: number;
  p95: number;
  cpuP50: number;
}

/** Milliseconds per awaited call over `runs` calls (after `warmUp` unmeasured ones). */
export async function asyncLatency(fn: () => Promise<unknown>, runs: number, warmUp = 5): Promise<LatencyFigure> {
  for (let i = 0; i < warmUp; i++) await fn();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await fn();
    const cpu = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const at = (values: number[], q: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return { p50: at(times, 0.5), p95: at(times, 0.95), cpuP50: at(cpuTimes, 0.5) };
}

const NOW = new Date('2026-02-01T10:00:00Z');

/**
 * Invoice PDFs with KOD I, as e-mailed: the figure bench/fa3.bench.ts prints as "PDF render (20 lines)". Every call
 * renders a different invoice of `lines` lines (other number, buyer, products and amounts), as a server does: the
 * renderer shares shaped words between documents, and one document rendered over and over would flatter that.
 */
export function pdfRenderLatency(lines: number, runs = 40, warmUp = 5): Promise<LatencyFigure> {
  const documents = Array.from({ length: warmUp + runs }, (_, k) => {
    const invoice = invoiceFromJson(posInvoiceInput(lines, 40, k + 1), { now: NOW });
    return { invoice, xml: buildInvoice(invoice) };
  });
  let next = 0;
  return asyncLatency(
    () => {
      const { invoice, xml } = documents[next++]!;
      return renderInvoicePdf(invoice, { invoiceXml: xml, environment: 'PRD', ksefNumber: KSEF_NUMBER });
    },
    runs,
    warmUp,
  );
}

async function main(): Promise<void> {
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const line = (label: string, f: LatencyFigure) =>
    console.log(`${label.padEnd(50)}${fmt(f.p50)} / ${fmt(f.p95)} ms   (CPU p50 ${fmt(f.cpuP50)} ms)`);
  console.log(`PDF benchmark — Node ${process.version}, one process`);
  line('PDF render (20 lines), p50 / p95', await pdfRenderLatency(20));
  line('PDF render (200 lines), p50 / p95', await pdfRenderLatency(200, 10));
  const upo = readFileSync(UPO_SAMPLE);
  line('UPO PDF render (2 documents), p50 / p95', await asyncLatency(() => renderUpoPdf(upo), 40));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
