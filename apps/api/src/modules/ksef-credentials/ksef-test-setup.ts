import { resolve } from 'node:path';
import { newSimTaxpayer } from '@bufor/testing';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

/**
 * Test-only: the KSeF simulator in-process on a free port (through its public factory, loaded by path because it
 * is an app, not a dependency of the API) and the API pointed at it as the SIM environment.
 */
interface SimulatorHandle {
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const SIMULATOR_ENTRY = resolve(__dirname, '../../../../ksef-simulator/src/index.ts');

export interface KsefTestStack {
  api: TestApi;
  simRootUrl: string;
  simApiUrl: string;
  signIn(email: string, password: string): Promise<string>;
  taxpayer(nip: string, permissions?: string[]): Promise<{ nip: string; ksefToken: string }>;
  close(): Promise<void>;
}

export async function startKsefTestStack(label: string, env: Record<string, string> = {}): Promise<KsefTestStack> {
  const mod = (await import(SIMULATOR_ENTRY)) as {
    createSimulator(options: Record<string, unknown>): Promise<SimulatorHandle>;
  };
  const sim = await mod.createSimulator({ logLevel: 'silent', rateLimits: { enabled: false } });
  const simRootUrl = await sim.listen(0, '127.0.0.1');
  const simApiUrl = `${simRootUrl}/v2`;
  const api = await startTestApi(label, { KSEF_SIM_URL: simApiUrl, ...env });
  return {
    api,
    simRootUrl,
    simApiUrl,
    async signIn(email, password) {
      const response = await api.request('/v1/auth/login', { method: 'POST', json: { email, password } });
      if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    taxpayer: (nip, permissions) => newSimTaxpayer(simRootUrl, nip, permissions),
    async close() {
      await api.close();
      await sim.close();
    },
  };
}
