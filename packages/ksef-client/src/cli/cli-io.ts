/** Where the CLI writes; injected so the CLI can run in-process in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Whether progress bars may be drawn (stderr is a terminal). */
  interactive: boolean;
}

export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY),
};

/** Prints either JSON (machine-readable) or human text. */
export function emit(io: CliIo, json: boolean, data: unknown, text: () => string): void {
  io.out(json ? JSON.stringify(data, null, 2) : text());
}

/** A one-line progress bar on stderr, drawn only on a terminal. */
export function progress(io: CliIo, label: string, total: number): (done: number) => void {
  if (!io.interactive || total <= 1) return () => undefined;
  return (done) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    if (done >= total) process.stderr.write('\n');
  };
}

/** Masks a secret for display: never print tokens or keys. */
export function mask(secret: string): string {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 4)}…(${secret.length} znaków)`;
}
