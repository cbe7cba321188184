import { type Command } from 'commander';
import { isValidKsefNumber } from '../ids/ksef-number';
import { renderInvoicePdf } from '../pdf/invoice-pdf';
import { UpoParseError } from '../pdf/upo-document';
import { renderUpoPdf } from '../pdf/upo-pdf';
import { type KsefEnvironment } from '../qr/qr-environment';
import { Fa3ParseError } from '../xml/fa3-parse.error';
import { parseInvoice } from '../xml/invoice-parser';
import { readInput, writeOutput } from './cli-files';
import { CliUsageError, EXIT_INVALID, EXIT_OK } from './cli-output';
import { type CommandContext, environmentOption } from './cli-context';

interface PdfOptions {
  output: string;
  ksefNumber?: string;
  env: KsefEnvironment;
  watermark?: string;
  qrCode2?: string;
  upo?: boolean;
}

export function registerPdf(program: Command, context: CommandContext): void {
  program
    .command('pdf')
    .description('wizualizacja faktury FA(3) (albo UPO z --upo) w PDF, z kodami QR')
    .argument('<file.xml>', 'plik faktury albo UPO')
    .requiredOption('-o, --output <out.pdf>', 'plik PDF')
    .option('--ksef-number <number>', 'numer KSeF (nagłówek i podpis pod kodem QR I; bez niego: OFFLINE)')
    .addOption(environmentOption())
    .option('--watermark <text>', 'znak wodny, np. "WERSJA DEMO"')
    .option('--qr-code-2 <link>', 'link KODU II dla faktury offline (zob. fa3 qr --key)')
    .option('--upo', 'plik jest UPO v4-3, nie fakturą')
    .action(async (file: string, options: PdfOptions) => {
      const output = context.output();
      const bytes = readInput(file);
      if (options.ksefNumber && !isValidKsefNumber(options.ksefNumber)) {
        throw new CliUsageError(`Numer KSeF ${options.ksefNumber} jest niepoprawny.`, 'KSEF_NUMBER_INVALID');
      }
      const watermark = options.watermark ? { watermark: options.watermark } : {};
      let pdf: Buffer;
      try {
        pdf = options.upo
          ? await renderUpoPdf(bytes, watermark)
          : await renderInvoicePdf(parseInvoice(bytes), {
              ...watermark,
              invoiceXml: bytes,
              environment: options.env,
              ksefNumber: options.ksefNumber ?? null,
              qrCodeII: options.qrCode2 ?? null,
            });
      } catch (error) {
        if (error instanceof Fa3ParseError) {
          const { code, message, path, line } = error;
          output.failure(`Nie można odczytać faktury ${file}.`, [{ code, message, path, ...(line ? { line } : {}) }]);
          context.exitCode = EXIT_INVALID;
          return;
        }
        if (error instanceof UpoParseError) {
          output.failure(`Nie można odczytać UPO ${file}.`, [{ code: 'UPO_INVALID', message: error.message }]);
          context.exitCode = EXIT_INVALID;
          return;
        }
        throw error;
      }
      writeOutput(options.output, pdf);
      output.result({ ok: true, output: options.output, bytes: pdf.length }, `Zapisano ${options.output}.`);
      context.exitCode = EXIT_OK;
    });
}
