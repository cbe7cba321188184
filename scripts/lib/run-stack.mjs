// Runs every process of the local stack with prefixed, coloured logs; Ctrl-C (or one process failing) stops all.
import { createRequire } from 'node:module';

import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(resolve(root, 'package.json'));
const { concurrently } = require('concurrently');

const env = {
  LOG_FORMAT: 'pretty',
  NODE_ENV: 'development',
  ...process.env,
};
const ports = {
  api: env.API_PORT ?? '3000',
  web: env.WEB_PORT ?? '3001',
  worker: env.WORKER_PORT ?? '3002',
  sim: env.SIM_PORT ?? '8100',
  s3: '4569',
  mailWeb: '1080',
};

const commands = [
  { name: 'services', command: 'node packages/platform/dist/dev/main.js', prefixColor: 'gray' },
  { name: 'ksef-sim', command: 'node apps/ksef-simulator/dist/main.js', prefixColor: 'magenta' },
  { name: 'api', command: 'node apps/api/dist/main.js', prefixColor: 'blue' },
  { name: 'worker', command: 'node apps/worker/dist/main.js', prefixColor: 'yellow' },
  {
    name: 'web',
    command: `pnpm --dir apps/web exec next start -p ${ports.web}`,
    prefixColor: 'green',
    env: { NEXT_DIST_DIR: '.next', NEXT_TELEMETRY_DISABLED: '1' },
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
