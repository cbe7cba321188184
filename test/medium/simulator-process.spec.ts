import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningProcess, startProcess, waitForHttp } from '../support/processes';

/** The built simulator as integrators run it: configured only by its environment. */
describe('ksef-simulator process', () => {
  let dataDir: string;
  let simulator: RunningProcess;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bufor-sim-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    simulator = startProcess('ksef-simulator', 'node', ['apps/ksef-simulator/dist/main.js'], {
      SIM_PORT: String(port),
      SIM_DATA_DIR: dataDir,
      SIM_CONTROL_API: 'false',
      LOG_LEVEL: 'warn',
    });
    await waitForHttp(`${base}/v2/security/public-key-certificates`, simulator);
  });

  afterAll(async () => {
    await simulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the KSeF API and hides the control API when SIM_CONTROL_API=false', async () => {
    const keys = await fetch(`${base}/v2/security/public-key-certificates`);
    expect(keys.status).toBe(200);
    expect(((await keys.json()) as unknown[]).length).toBeGreaterThan(0);
    const control = await fetch(`${base}/sim/contexts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nip: '1234563218' }),
    });
    expect(control.status).toBe(404);
  });

  it('stops cleanly on SIGTERM, keeping its keys in the data directory', async () => {
    expect(await simulator.stop('SIGTERM')).toBe(0);
    expect(readdirSync(dataDir, { recursive: true }).length).toBeGreaterThan(0);
  });
});
