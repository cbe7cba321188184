import { readFileSync, writeFileSync } from 'node:fs';
import { CliUsageError } from './cli-output';

export function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliUsageError(
      `Nie można odczytać pliku ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'READ_FAILED',
    );
  }
}

export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliUsageError(
      `Nie można zapisać pliku ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'WRITE_FAILED',
    );
  }
}

export function parseJsonFile(path: string): unknown {
  const text = readInput(path).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`Plik ${path} nie jest poprawnym JSON-em: ${(error as Error).message}`, 'JSON_SYNTAX');
  }
}
