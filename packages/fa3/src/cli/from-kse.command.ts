import { type Command, Option } from 'commander';
import { KSE_ENCODINGS, type KseEncodingOption } from '../kse/kse-encoding';
import { importKse } from '../kse/kse-import';
import { type KseConversionOptions } from '../kse/kse-to-fa3';
import { createInvoiceValidator } from '../validation/invoice-validator';
import { buildInvoice } from '../xml/invoice-builder';
import { readInput, writeOutput } from './cli-files';
import { EXIT_INVALID, EXIT_OK } from './cli-output';
import { type CommandContext } from './cli-context';

interface FromKseOptions {
  encoding: KseEncodingOption;
  output?: string;
  correctedDate?: string;
  correctedKsefNumber?: string;
  exemptionBasis?: string;
}

export function registerFromKse(program: Command, context: CommandContext): void {
  program
    .command('from-kse')
    .description('zamienia plik .KSE (CP852 albo Mazovia) na fakturę FA(3) i ją sprawdza')
    .argument('<file.kse>', 'plik KSE')
    .addOption(
      new Option('--encoding <encoding>', 'strona kodowa pliku').choices([...KSE_ENCODINGS, 'auto']).default('auto'),
    )
    .option('-o, --output <file.xml>', 'zapisz XML do pliku zamiast na standardowe wyjście')
    .option('--corrected-date <YYYY-MM-DD>', 'data wystawienia faktury korygowanej (KSE jej nie zawiera)')
    .option('--corrected-ksef-number <number>', 'numer KSeF faktury korygowanej')
    .option('--exemption-basis <text>', 'podstawa zwolnienia z VAT dla pozycji „zw” (P_19A)')
    .action(async (file: string, options: FromKseOptions) => {
      const output = context.output();
      const conversion: KseConversionOptions = {};
      if (options.correctedDate) {
        conversion.correctedInvoice = {
          issueDate: options.correctedDate,
          ...(options.correctedKsefNumber ? { ksefNumber: options.correctedKsefNumber } : {}),
        };
      }
      if (options.exemptionBasis) conversion.exemptionBasis = options.exemptionBasis;
      const result = importKse(readInput(file), { ...conversion, encoding: options.encoding });
      if (!result.ok) {
        output.failure(`Plik ${file} (${result.encoding}) jest niepoprawny.`, result.issues, {
          encoding: result.encoding,
        });
        context.exitCode = EXIT_INVALID;
        return;
      }
      const xml = buildInvoice(result.invoice);
      const validator = await createInvoiceValidator();
      const validation = validator.validate(xml);
      const warnings = [...result.warnings.map((w) => ({ ...w, severity: 'warning' as const })), ...validation.issues];
      if (!validation.valid) {
        output.failure(`Faktura z pliku ${file} nie przechodzi walidacji FA(3).`, warnings, {
          encoding: result.encoding,
        });
        context.exitCode = EXIT_INVALID;
        return;
      }
      output.warnings(warnings);
      if (options.output) {
        writeOutput(options.output, xml);
        output.result(
          { ok: true, encoding: result.encoding, output: options.output, warnings },
          `Zapisano ${options.output} (${result.encoding}).`,
        );
      } else {
        output.result({ ok: true, encoding: result.encoding, xml, warnings }, xml);
      }
      context.exitCode = EXIT_OK;
    });
}
