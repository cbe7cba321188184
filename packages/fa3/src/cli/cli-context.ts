import { Option } from 'commander';
import { KSEF_ENVIRONMENTS } from '../qr/qr-environment';
import { type CliOutput } from './cli-output';

/** Shared by the commands of one run: the chosen output mode and the exit code they set. */
export interface CommandContext {
  exitCode: number;
  output(): CliOutput;
}

export function environmentOption(): Option {
  return new Option('--env <env>', 'środowisko KSeF (reguły walidacji, host kodów QR)')
    .choices([...KSEF_ENVIRONMENTS])
    .default('PRD');
}
