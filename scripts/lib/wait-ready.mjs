// Waits until every process of the local stack is ready, then prints where to go and how to sign in.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const env = process.env;
const api = `http://127.0.0.1:${env.API_PORT ?? 3000}`;
const checks = {
  api: `${api}/ready`,
  worker: `http://127.0.0.1:${env.WORKER_PORT ?? 3002}/ready`,
  web: `http://127.0.0.1:${env.WEB_PORT ?? 3001}/login`,
  'ksef-sim': `http://127.0.0.1:${env.SIM_PORT ?? 8100}/sim/latarnia/status`,
};

async function ok(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.status < 500;
  } catch {
    return false;
  }
}

const deadline = Date.now() + 180_000;
const pending = new Set(Object.keys(checks));
while (pending.size && Date.now() < deadline) {
  for (const name of [...pending]) if (await ok(checks[name])) pending.delete(name);
  if (pending.size) await new Promise((r) => setTimeout(r, 1000));
}
if (pending.size) {
  console.log(`still not ready after 3 minutes: ${[...pending].join(', ')} (see its log lines above)`);
  process.exit(0);
}

const credentialsFile = resolve(root, env.DEMO_CREDENTIALS_FILE ?? 'var/demo-credentials.json');
const credentials = existsSync(credentialsFile) ? JSON.parse(readFileSync(credentialsFile, 'utf8')) : null;

/**
 * Connects the demo company to the simulator (its SIM environment), as an admin would under Ustawienia → Połączenie
 * z KSeF: the simulator issues a KSeF token for the NIP and the API stores it, sealed, and checks the connection.
 */
async function connectDemoToSimulator() {
  if (!credentials) return 'no demo credentials';
  const sim = `http://127.0.0.1:${env.SIM_PORT ?? 8100}`;
  const json = { 'content-type': 'application/json' };
  const context = await fetch(`${sim}/sim/contexts`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ nip: '1234563218' }),
  });
  if (!context.ok) return `simulator answered ${context.status}`;
  const { ksefToken } = await context.json();
  const login = await fetch(`${api}/v1/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(credentials),
  });
  if (!login.ok) return `login answered ${login.status}`;
  const auth = { ...json, authorization: `Bearer ${(await login.json()).accessToken}` };
  const stored = await fetch(`${api}/v1/ksef/credentials/token`, {
    method: 'PUT',
    headers: auth,
    body: JSON.stringify({ token: ksefToken }),
  });
  if (!stored.ok) return `storing the token answered ${stored.status}`;
  const test = await fetch(`${api}/v1/ksef/connection/test`, { method: 'POST', headers: auth });
  const result = test.ok ? await test.json() : null;
  return result?.ok ? 'connected' : `connection test failed (${test.status})`;
}

const ksefStatus = await connectDemoToSimulator().catch((error) => `failed: ${error.message}`);
const web = env.NEXTAUTH_URL ?? `http://localhost:${env.WEB_PORT ?? 3001}`;
console.log(
  [
    '',
    'Bufor is up.',
    `  Web:            ${web}`,
    credentials ? `  Sign in as:     ${credentials.email} / ${credentials.password}` : '',
    `  API docs:       http://localhost:${env.API_PORT ?? 3000}/docs`,
    `  KSeF simulator: http://localhost:${env.SIM_PORT ?? 8100}/v2 (demo company: ${ksefStatus})`,
    `  Mail inbox:     http://localhost:1080`,
    `  Local S3:       http://localhost:4569`,
    '  Ctrl-C stops everything.',
    '',
  ]
    .filter(Boolean)
    .join('\n'),
);
