import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type LocalMailCatcher, startLocalMailCatcher, startLocalS3 } from '@bufor/platform/dev';
import { createTestDatabase, testEnv, testRedisPrefix, type TestDatabase } from '@bufor/testing';
import { freePort, repoRoot, type RunningProcess, startProcess, waitForHttp } from './processes';

export interface StackOptions {
  /** Start the Next.js web app (built into apps/web/.next-test by scripts/test.sh). */
  web?: boolean;
  worker?: boolean;
  /** Start a mail catcher and send the API's mail (invitations, password resets) to it. */
  mail?: boolean;
  /** Start the KSeF simulator (control API on) and point the API's SIM environment at it. */
  simulator?: boolean;
}

export interface Stack {
  apiUrl: string;
  webUrl: string;
  databaseUrl: string;
  admin: { email: string; password: string };
  /** The mail catcher, when started with `mail: true`. */
  mail?: LocalMailCatcher;
  /** The simulator's root URL (KSeF API under `/v2`, control API under `/sim`), when started with `simulator: true`. */
  simulatorUrl?: string;
  processes: RunningProcess[];
  stop(): Promise<void>;
}

/**
 * The built apps as separate processes over a fresh database with the demo tenant seeded: what a user gets from
 * scripts/up.sh, on random ports so it runs beside a developer's own stack. Needs `tsc -b` (scripts/test.sh does it).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database: TestDatabase = await createTestDatabase('e2e');
  const scratch = mkdtempSync(join(tmpdir(), 'bufor-e2e-'));
  const s3 = await startLocalS3({ port: 0, directory: join(scratch, 's3'), bucket: 'bufor-e2e' });
  const mail = options.mail
    ? await startLocalMailCatcher({ smtpPort: 0, webPort: 0, directory: join(scratch, 'mail') })
    : undefined;
  // The web port is chosen first: the API puts the web address into the links of its e-mails.
  const webPort = options.web ? await freePort() : undefined;
  const webUrl = webPort ? `http://127.0.0.1:${webPort}` : '';
  const admin = { email: 'admin@demo.bufor.local', password: `E2e-${randomBytes(8).toString('hex')}` };
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.appUrl,
    DATABASE_MIGRATION_URL: database.url,
    REDIS_URL: testEnv.redisUrl,
    REDIS_KEY_PREFIX: testRedisPrefix('e2e'),
    KMS_LOCAL_MASTER_KEY_FILE: join(scratch, 'master.key'),
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    ...(mail ? { SMTP_URL: mail.smtpUrl } : {}),
    ...(webUrl ? { PUBLIC_WEB_URL: webUrl } : {}),
  };
  // Asynchronously: the seed writes invoice XML to the local S3, which answers from this process's event loop.
  await promisify(execFile)('node', ['apps/api/dist/cli/seed.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...common,
      DEMO_ADMIN_PASSWORD: admin.password,
      DEMO_CREDENTIALS_FILE: join(scratch, 'demo.json'),
    },
  });

  const processes: RunningProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await s3.stop();
    await mail?.stop();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    let simulatorUrl: string | undefined;
    if (options.simulator) {
      const simPort = await freePort();
      simulatorUrl = `http://127.0.0.1:${simPort}`;
      const simulator = startProcess('ksef-simulator', 'node', ['apps/ksef-simulator/dist/main.js'], {
        SIM_PORT: String(simPort),
        SIM_DATA_DIR: join(scratch, 'ksef-simulator'),
        LOG_LEVEL: 'warn',
      });
      processes.push(simulator);
      await waitForHttp(`${simulatorUrl}/v2/security/public-key-certificates`, simulator);
    }
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api = startProcess('api', 'node', ['apps/api/dist/main.js'], {
      ...common,
      ...(simulatorUrl ? { KSEF_SIM_URL: `${simulatorUrl}/v2` } : {}),
      API_PORT: String(apiPort),
    });
    processes.push(api);
    await waitForHttp(`${apiUrl}/health`, api);

    if (options.worker) {
      const workerPort = await freePort();
      const worker = startProcess('worker', 'node', ['apps/worker/dist/main.js'], {
        ...common,
        WORKER_PORT: String(workerPort),
      });
      processes.push(worker);
      await waitForHttp(`http://127.0.0.1:${workerPort}/health`, worker);
    }

    if (webPort) {
      const web = startProcess(
        'web',
        join(repoRoot, 'apps/web/node_modules/.bin/next'),
        ['start', '-p', String(webPort), '-H', '127.0.0.1'],
        {
          NODE_ENV: 'production',
          NEXT_DIST_DIR: '.next-test',
          NEXT_TELEMETRY_DISABLED: '1',
          API_INTERNAL_URL: apiUrl,
          NEXTAUTH_URL: webUrl,
          NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
        },
        join(repoRoot, 'apps/web'),
      );
      processes.push(web);
      await waitForHttp(`${webUrl}/login`, web);
    }
    return {
      apiUrl,
      webUrl,
      databaseUrl: database.url,
      admin,
      ...(mail ? { mail } : {}),
      ...(simulatorUrl ? { simulatorUrl } : {}),
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
