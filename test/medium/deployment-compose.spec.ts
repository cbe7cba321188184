import { resolve } from 'node:path';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  WORKER_RELEASE_GRACE_MS,
  checkEnv,
  composeEnv,
  isSchemaName,
  loadCompose,
  root,
  schemas,
  seconds,
} from '../support/deployment-manifests';

/*
 * Docker cannot run here, so the deployment files are checked statically: every variable docker-compose.yml and the
 * Kubernetes manifests (base and production overlay, rendered the way kustomize does) give an app must exist in that
 * app's env schema, every required one must be set, literal values must parse, and each Dockerfile must build the
 * app it is named after. A drift fails with the variable name.
 */

describe('the env check itself', () => {
  const check = (env: [string, string | undefined][]) => checkEnv('svc', schemas.api, 'api', new Map(env));

  it('names a variable the schema does not know', () => {
    expect(check([['API_PROT', '3000']])).toEqual(['svc: API_PROT is not a variable of the api env schema']);
  });

  it('names a required variable that is not set, and one with an invalid value', () => {
    expect(check([['KMS_PROVIDER', 'aws']])).toEqual([
      expect.stringMatching(/^svc: KMS_AWS_KEY_ID is required but not set/),
    ]);
    expect(check([['DATABASE_URL', 'nonsense']])).toEqual([
      expect.stringMatching(/^svc: DATABASE_URL has an invalid value/),
    ]);
  });

  it('accepts a variable whose value comes from a Secret', () => {
    expect(
      checkEnv(
        'svc',
        schemas.web,
        'web',
        new Map([
          ['NODE_ENV', 'production'],
          ['NEXTAUTH_SECRET', undefined],
        ]),
      ),
    ).toEqual([]);
    // ...but without it, production refuses the development default.
    expect(checkEnv('svc', schemas.web, 'web', new Map([['NODE_ENV', 'production']]))).toEqual([
      expect.stringMatching(/^svc: NEXTAUTH_SECRET is required but not set/),
    ]);
  });
});

describe('docker-compose.yml', () => {
  const services = loadCompose();
  const apps = Object.entries(services).filter(([, service]) => service.labels?.['app.bufor.env-schema']);

  it('runs the four apps and the one-shot migration, each labelled with its env schema', () => {
    const bySchema = Object.fromEntries(apps.map(([name, service]) => [name, service.labels!['app.bufor.env-schema']]));
    expect(bySchema).toEqual({
      migrate: 'db-tools',
      api: 'api',
      worker: 'worker',
      web: 'web',
      'ksef-simulator': 'ksef-simulator',
    });
    expect(services['migrate']!.command).toEqual(['node', 'packages/db/dist/cli/migrate.js']);
    for (const backing of ['postgres', 'redis', 'minio', 'mailpit']) expect(Object.keys(services)).toContain(backing);
  });

  it('gives every app only variables of its schema, and every required one', () => {
    const problems = apps.flatMap(([name, service]) => {
      const schemaName = service.labels!['app.bufor.env-schema'];
      if (!isSchemaName(schemaName)) return [`compose ${name}: unknown env schema ${schemaName}`];
      return checkEnv(`compose ${name}`, schemas[schemaName], schemaName, composeEnv(service));
    });
    expect(problems).toEqual([]);
  });

  it('builds each app from its Dockerfile under infra/docker', () => {
    for (const [name, service] of apps) {
      const app = name === 'migrate' ? 'api' : name;
      expect(service.build, name).toEqual({ context: '.', dockerfile: `infra/docker/${app}.Dockerfile` });
      expect(service.image, name).toBe(`bufor/${app}:local`);
    }
  });

  it('gives the worker more time to stop than its shutdown timeout plus the release grace', () => {
    const worker = services['worker']!;
    const timeoutMs = Number(composeEnv(worker).get('WORKER_SHUTDOWN_TIMEOUT_MS'));
    expect(seconds(worker.stop_grace_period ?? '10s') * 1000).toBeGreaterThan(timeoutMs + WORKER_RELEASE_GRACE_MS);
  });
});

describe('Dockerfiles', () => {
  const dockerDir = resolve(root, 'infra/docker');
  const apps = readdirSync(dockerDir)
    .filter((file) => file.endsWith('.Dockerfile'))
    .map((file) => file.replace(/\.Dockerfile$/, ''));

  /** Instructions with line continuations joined and comments dropped. */
  const instructions = (app: string) =>
    readFileSync(resolve(dockerDir, `${app}.Dockerfile`), 'utf8')
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));

  it('exist for the four apps, each an app of the workspace', () => {
    expect(apps.sort()).toEqual(['api', 'ksef-simulator', 'web', 'worker']);
    for (const app of apps) {
      const manifest = JSON.parse(readFileSync(resolve(root, 'apps', app, 'package.json'), 'utf8')) as { name: string };
      expect(manifest.name).toBe(`@bufor/${app}`);
      expect(existsSync(resolve(dockerDir, `${app}.Dockerfile.dockerignore`)), `${app} .dockerignore`).toBe(true);
    }
  });

  it.each(['api', 'worker', 'ksef-simulator', 'web'])(
    '%s: Node 22 stages, installs and builds that app, runs as non-root',
    (app) => {
      const lines = instructions(app);
      const args = Object.fromEntries(
        lines.filter((l) => l.startsWith('ARG ')).map((l) => l.slice(4).split('=') as [string, string]),
      );
      const bases = lines
        .filter((l) => l.startsWith('FROM '))
        .map((l) => l.split(/\s+/)[1]!.replace(/^\$\{(\w+)\}$/, (_m, name: string) => args[name] ?? ''));
      expect(bases.length).toBeGreaterThanOrEqual(2);
      for (const base of bases) expect(base).toMatch(/^node:22[.-]/);

      const text = lines.join('\n');
      expect(text).toContain(`--filter "@bufor/${app}..."`);
      const finalStage = text.slice(text.lastIndexOf('\nFROM '));
      expect(finalStage).toMatch(/\nUSER (node|[1-9]\d*)\b/);
      const cmd = lines.filter((l) => l.startsWith('CMD ')).at(-1)!;

      if (app === 'web') {
        expect(text).toMatch(/cd apps\/web && NEXT_OUTPUT=standalone pnpm exec next build/);
        expect(cmd).toContain('apps/web/server.js');
        expect(cmd).toContain('WEB_PORT');
      } else {
        expect(text).toContain(`tsc -b apps/${app}`);
        expect(text).toContain(`pnpm --filter @bufor/${app} deploy --prod`);
        // The image starts the app the way its package's start script does.
        const manifest = JSON.parse(readFileSync(resolve(root, 'apps', app, 'package.json'), 'utf8')) as {
          scripts: { start: string };
        };
        const [command, ...args] = manifest.scripts.start.split(' ');
        expect(cmd).toBe(`CMD ${JSON.stringify([command, ...args]).replace(/","/g, '", "')}`);
      }
    },
  );

  it('api image carries the migration tool at the path compose and the migrate Job run', () => {
    const text = instructions('api').join('\n');
    expect(text).toContain('pnpm --filter @bufor/db deploy --prod');
    expect(text).toMatch(/COPY --from=build \S* ?\/out\/db \.\/packages\/db/);
    expect(existsSync(resolve(root, 'packages/db/src/cli/migrate.ts'))).toBe(true);
  });
});
