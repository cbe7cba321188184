import { Command, CommanderError } from 'commander';
import { CliOutput, CliUsageError, EXIT_OK, EXIT_USAGE } from './cli-output';
import { type CommandContext } from './cli-context';
import { registerFromJson } from './from-json.command';
import { registerFromKse } from './from-kse.command';
import { registerKsefNumber } from './ksef-number.command';
import { registerPdf } from './pdf.command';
import { registerQr } from './qr.command';
import { registerValidate } from './validate.command';

export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processStreams: CliStreams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs `fa3` with the given argv (as `process.argv`) and resolves to the exit code. */
export async function runCli(argv: readonly string[], streams: CliStreams = processStreams): Promise<number> {
  const program = new Command('fa3');
  const context: CommandContext = {
    exitCode: EXIT_OK,
    output: () => new CliOutput(program.opts<{ json?: boolean }>().json === true, streams.stdout, streams.stderr),
  };
  program
    .description('Faktury FA(3): walidacja, import JSON i KSE, kody QR, PDF, numery KSeF')
    .option('--json', 'wynik i błędy jako JSON')
    .helpOption('-h, --help', 'pokazuje pomoc')
    .helpCommand('help [polecenie]', 'pokazuje pomoc do polecenia')
    .exitOverride()
    .configureOutput({ writeOut: streams.stdout, writeErr: streams.stderr });
  registerValidate(program, context);
  registerFromJson(program, context);
  registerFromKse(program, context);
  registerPdf(program, context);
  registerQr(program, context);
  registerKsefNumber(program, context);
  try {
    await program.parseAsync([...argv]);
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof CliUsageError) {
      context.output().failure(error.message, [{ code: error.code, message: error.message }]);
      return EXIT_USAGE;
    }
    throw error;
  }
}
