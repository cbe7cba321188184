import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const repoRoot = resolve(__dirname, '../../..');
const entry = resolve(repoRoot, 'apps/worker/dist/main.js');

/** Builds the worker (and its workspace references) the way production runs it: compiled JS with decorator metadata. */
export function buildWorker(): void {
  execFileSync(resolve(repoRoot, 'node_modules/.bin/tsc'), ['-b', 'apps/worker'], { cwd: repoRoot, stdio: 'pipe' });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

export interface LogLine {
  readonly msg?: string;
  readonly jobId?: string;
  readonly [key: string]: unknown;
}

/** A real worker process (node dist/main.js) with its JSON log lines and exit status. */
export class SpawnedWorker {
  readonly logs: LogLine[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [entry], { cwd: repoRoot, env });
    let pending = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.logs.push(JSON.parse(line) as LogLine);
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  /** Waits for a log line matching the predicate (or fails when the process exits or the wait is too long). */
  async waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
    let exited = false;
    void this.exited.then(() => (exited = true));
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
      const found = this.logs.find(predicate);
      if (found) return found;
      if (exited) break;
    }
    throw new Error(
      `log line not seen; stderr: ${this.stderr}\nlogs:\n${this.logs.map((l) => JSON.stringify(l)).join('\n')}`,
    );
  }

  terminate(): void {
    this.child.kill('SIGTERM');
  }

  /** Last resort in afterAll: never leave a worker running. */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Polls until the check returns a value other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    const value = await check();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}
