import { type Command } from 'commander';
import { createInvoiceValidator } from '../validation/invoice-validator';
import { type ValidationEnvironment } from '../validation/ksef-invoice-rules';
import { readInput } from './cli-files';
import { type CliOutput, EXIT_INVALID, EXIT_OK } from './cli-output';
import { environmentOption, type CommandContext } from './cli-context';

export function registerValidate(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description('sprawdza fakturę FA(3): XSD, reguły KSeF i spójność kwot (ostrzeżenia nie zmieniają wyniku)')
    .argument('<file.xml>', 'plik faktury')
    .addOption(environmentOption())
    .action(async (file: string, options: { env: ValidationEnvironment }) => {
      context.exitCode = await validateFile(context.output(), file, options.env);
    });
}

export async function validateFile(
  output: CliOutput,
  file: string,
  environment: ValidationEnvironment,
): Promise<number> {
  const validator = await createInvoiceValidator({ environment });
  const result = validator.validate(readInput(file));
  const errors = result.issues.filter((issue) => issue.severity === 'error');
  const warnings = result.issues.filter((issue) => issue.severity === 'warning');
  if (!result.valid) {
    output.failure(`Faktura ${file} jest niepoprawna (${errors.length} błędów).`, result.issues, { valid: false });
    return EXIT_INVALID;
  }
  output.warnings(warnings);
  output.result({ ok: true, valid: true, issues: result.issues }, `Faktura ${file} jest poprawna.`);
  return EXIT_OK;
}
