import { resolve } from 'node:path';
import { simulatorEnvironment } from '../environment/ksef-environment';
import { KsefClient, type KsefClientOptions } from '../ksef-client';

/**
 * Test-only: starts the KSeF simulator in-process on a free port through its public factory and talks to it
 * over HTTP only. Loaded by path (the simulator is an app, not a dependency of this package) and typed
 * structurally, so no simulator internals are visible here.
 */
interface SimulatorHandle {
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

type CreateSimulator = (options?: Record<string, unknown>) => Promise<SimulatorHandle>;

export interface RunningSimulator {
  rootUrl: string;
  apiUrl: string;
  client(options?: Partial<KsefClientOptions>): KsefClient;
  /** Calls the simulator's `/sim` control API (not part of the KSeF contract). */
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

const SIMULATOR_ENTRY = resolve(__dirname, '../../../../apps/ksef-simulator/src/index.ts');

export async function startSimulator(options: Record<string, unknown> = {}): Promise<RunningSimulator> {
  const mod = (await import(SIMULATOR_ENTRY)) as { createSimulator: CreateSimulator };
  const sim = await mod.createSimulator({ logLevel: 'silent', ...options });
  const rootUrl = await sim.listen(0, '127.0.0.1');
  const apiUrl = `${rootUrl}/v2`;
  return {
    rootUrl,
    apiUrl,
    client: (extra = {}) => new KsefClient({ environment: simulatorEnvironment(apiUrl), ...extra }),
    control: (method, path, body) =>
      fetch(`${rootUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    close: () => sim.close(),
  };
}

/** A random NIP with a valid checksum (TEST data is shared, so tests use fresh NIPs). */
export function randomNip(): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = [
      1 + Math.floor(Math.random() * 9),
      ...Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)),
    ];
    const sum = digits.reduce((acc, d, i) => acc + d * weights[i]!, 0) % 11;
    if (sum === 10) continue;
    const nip = [...digits, sum].join('');
    if (/^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/.test(nip)) return nip;
  }
}
