import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/processes';

/** Each app, started with one bad value, must exit non-zero at once naming the variable (built by scripts/test.sh). */
const cases = [
  { app: 'api', entry: 'apps/api/dist/main.js', env: { DATABASE_URL: 'nonsense' }, variable: 'DATABASE_URL' },
  { app: 'worker', entry: 'apps/worker/dist/main.js', env: { DATABASE_URL: 'nonsense' }, variable: 'DATABASE_URL' },
  { app: 'worker', entry: 'apps/worker/dist/main.js', env: { REDIS_URL: 'http://not-redis' }, variable: 'REDIS_URL' },
  {
    app: 'ksef-simulator',
    entry: 'apps/ksef-simulator/dist/main.js',
    env: { SIM_PORT: 'eighty' },
    variable: 'SIM_PORT',
  },
  {
    app: 'db-migrate',
    entry: 'packages/db/dist/cli/migrate.js',
    env: { DATABASE_MIGRATION_URL: 'nonsense' },
    variable: 'DATABASE_MIGRATION_URL',
  },
  { app: 'api', entry: 'apps/api/dist/main.js', env: { KMS_PROVIDER: 'aws' }, variable: 'KMS_AWS_KEY_ID' },
];

describe('configuration is validated at start-up', () => {
  it.each(cases)('$app exits naming $variable', ({ entry, env, variable }) => {
    expect(existsSync(join(repoRoot, entry)), `${entry} is built`).toBe(true);
    const result = spawnSync('node', [entry], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toMatch(new RegExp(`^\\s+- ${variable}: `, 'm'));
  });

  it('lists every invalid variable at once', () => {
    const result = spawnSync('node', ['apps/api/dist/main.js'], {
      cwd: repoRoot,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: 'nonsense', API_PORT: '-1', LOG_LEVEL: 'loud' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    for (const variable of ['DATABASE_URL', 'API_PORT', 'LOG_LEVEL']) expect(result.stderr).toContain(`- ${variable}:`);
  });
});
