// Runs every process of the local stack with prefixed, coloured logs; Ctrl-C (or one process failing) stops all.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(resolve(root, 'package.json'));
const { concurrently } = require('concurrently');

// The web app runs as in production (next start), so it needs a real session secret: one per machine, kept in var/.
const secretFile = resolve(root, 'var/nextauth-secret');
if (!existsSync(secretFile)) {
  mkdirSync(resolve(root, 'var'), { recursive: true });
  writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
}

const env = {
  NEXTAUTH_SECRET: readFileSync(secretFile, 'utf8').trim(),
  LOG_FORMAT: 'pretty',
  NODE_ENV: 'development',
  ...process.env,
};
const webPort = env.WEB_PORT ?? '3001';

const commands = [
  { name: 'services', command: 'node packages/platform/dist/dev/main.js', prefixColor: 'gray' },
  { name: 'ksef-sim', command: 'node apps/ksef-simulator/dist/main.js', prefixColor: 'magenta' },
  { name: 'api', command: 'node apps/api/dist/main.js', prefixColor: 'blue' },
  { name: 'worker', command: 'node apps/worker/dist/main.js', prefixColor: 'yellow' },
  {
    name: 'web',
    command: `pnpm --dir apps/web exec next start -p ${webPort}`,
    prefixColor: 'green',
    env: { NODE_ENV: 'production', NEXT_DIST_DIR: '.next', NEXT_TELEMETRY_DISABLED: '1' },
  },
  { name: 'ready', command: 'node scripts/lib/wait-ready.mjs', prefixColor: 'cyan' },
];

const { result } = concurrently(
  commands.map((command) => ({ ...command, cwd: root, env: { ...env, ...command.env } })),
  { prefix: '{name}', padPrefix: true, killOthersOn: ['failure'], restartTries: 0 },
);

result.then(
  () => process.exit(0),
  (events) => {
    const failed = events.filter(
      (event) => event.exitCode !== 0 && event.exitCode !== 'SIGINT' && event.exitCode !== 'SIGTERM',
    );
    process.exit(failed.length ? 1 : 0);
  },
);

process.on('SIGINT', () => process.stdout.write('\nstopping Bufor…\n'));
