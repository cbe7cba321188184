import { type Command } from 'commander';
import { ksefNumberChecksum, parseKsefNumber } from '../ids/ksef-number';
import { EXIT_INVALID, EXIT_OK } from './cli-output';
import { type CommandContext } from './cli-context';

export function registerKsefNumber(program: Command, context: CommandContext): void {
  program
    .command('ksef-number')
    .description('sprawdza numer KSeF (format NIP-RRRRMMDD-XXXXXXXXXXXX-CC i suma kontrolna CRC-8)')
    .argument('<number>', 'numer KSeF')
    .action((value: string) => {
      const output = context.output();
      const parts = parseKsefNumber(value);
      if (parts) {
        output.result(
          { ok: true, valid: true, ...parts },
          `Numer KSeF ${value} jest poprawny (NIP ${parts.nip}, data ${parts.date}).`,
        );
        context.exitCode = EXIT_OK;
        return;
      }
      output.failure(
        `Numer KSeF ${value} jest niepoprawny.`,
        [{ code: 'KSEF_NUMBER_INVALID', message: reason(value) }],
        {
          valid: false,
        },
      );
      context.exitCode = EXIT_INVALID;
    });
}

function reason(value: string): string {
  if (!/^\d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$/.test(value)) {
    return 'oczekiwano 35 znaków: NIP (10 cyfr)-RRRRMMDD-12 znaków szesnastkowych-2 znaki sumy kontrolnej';
  }
  const expected = ksefNumberChecksum(value.slice(0, 32));
  return value.slice(33) === expected
    ? 'niepoprawna data w numerze'
    : `suma kontrolna ${value.slice(33)} nie zgadza się (powinna być ${expected})`;
}
