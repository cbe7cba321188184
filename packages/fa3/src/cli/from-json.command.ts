import { type Command } from 'commander';
import { InvoiceInputError } from '../json/invoice-input.error';
import { invoiceFromJson } from '../json/invoice-from-json';
import { buildInvoice } from '../xml/invoice-builder';
import { parseJsonFile, writeOutput } from './cli-files';
import { EXIT_INVALID, EXIT_OK } from './cli-output';
import { type CommandContext } from './cli-context';

export function registerFromJson(program: Command, context: CommandContext): void {
  program
    .command('from-json')
    .description('buduje fakturę FA(3) z danych JSON systemu sprzedaży (schemat: schemas/invoice-input.schema.json)')
    .argument('<file.json>', 'dane faktury')
    .option('-o, --output <file.xml>', 'zapisz XML do pliku zamiast na standardowe wyjście')
    .action((file: string, options: { output?: string }) => {
      const output = context.output();
      let xml: string;
      try {
        xml = buildInvoice(invoiceFromJson(parseJsonFile(file)));
      } catch (error) {
        if (!(error instanceof InvoiceInputError)) throw error;
        output.failure(`Dane w ${file} nie pozwalają zbudować faktury.`, error.issues);
        context.exitCode = EXIT_INVALID;
        return;
      }
      if (options.output) {
        writeOutput(options.output, xml);
        output.result({ ok: true, output: options.output }, `Zapisano ${options.output}.`);
      } else {
        output.result({ ok: true, xml }, xml);
      }
      context.exitCode = EXIT_OK;
    });
}
