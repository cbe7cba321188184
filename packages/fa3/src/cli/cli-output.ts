/** Exit codes of `fa3`: 0 success / valid, 1 the input is invalid, 2 usage or I/O problem. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface CliIssue {
  code: string;
  message: string;
  path?: string;
  line?: number;
  severity?: 'error' | 'warning';
}

/** Where a command writes: results to stdout, problems to stderr, as text or as JSON (`--json`). */
export class CliOutput {
  constructor(
    readonly json: boolean,
    private readonly stdout: (text: string) => void = (text) => process.stdout.write(text),
    private readonly stderr: (text: string) => void = (text) => process.stderr.write(text),
  ) {}

  /** A successful result: `text` for people, `data` for machines. */
  result(data: unknown, text: string): void {
    this.stdout(this.json ? `${JSON.stringify(data, null, 2)}\n` : text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Warnings that do not change the outcome (stderr in text mode; JSON results carry their own). */
  warnings(issues: readonly CliIssue[]): void {
    if (this.json || issues.length === 0) return;
    this.stderr(issues.map((issue) => `ostrzeżenie: ${describe(issue)}\n`).join(''));
  }

  /** The input is invalid or the command failed: the whole list on stderr. */
  failure(summary: string, issues: readonly CliIssue[], extra: Record<string, unknown> = {}): void {
    if (this.json) {
      this.stderr(`${JSON.stringify({ ok: false, error: summary, issues, ...extra }, null, 2)}\n`);
      return;
    }
    // A usage error carries its summary as its only issue: print it once.
    const details = issues.filter((issue) => issue.message !== summary);
    const lines = details.map(
      (issue) => `  ${issue.severity === 'warning' ? 'ostrzeżenie' : 'błąd'}: ${describe(issue)}\n`,
    );
    this.stderr(`${summary}\n${lines.join('')}`);
  }
}

function describe(issue: CliIssue): string {
  const where = [issue.line !== undefined ? `wiersz ${issue.line}` : '', issue.path ?? ''].filter(Boolean).join(', ');
  return `[${issue.code}]${where ? ` ${where}:` : ''} ${issue.message}`;
}

/** Thrown by commands for usage and I/O problems; the program prints it and exits with {@link EXIT_USAGE}. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly code = 'USAGE',
  ) {
    super(message);
    this.name = 'CliUsageError';
  }
}
