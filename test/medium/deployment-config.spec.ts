import { dbToolsEnvSchema, envSchemas } from '@bufor/config';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

/*
 * Docker cannot run here, so the deployment files are checked statically: every variable docker-compose.yml and the
 * Kubernetes manifests (base and production overlay, rendered the way kustomize does) give an app must exist in that
 * app's env schema, every required one must be set, literal values must parse, and each Dockerfile must build the
 * app it is named after. A drift fails with the variable name.
 */

const root = resolve(__dirname, '../..');
const schemas = { ...envSchemas, 'db-tools': dbToolsEnvSchema } as const;
type SchemaName = keyof typeof schemas;
const isSchemaName = (name: unknown): name is SchemaName => typeof name === 'string' && name in schemas;

/** A variable's value, or `undefined` when it comes from somewhere this test cannot read (a Secret, the shell). */
type Env = Map<string, string | undefined>;

/** Grace the worker gives handlers after the shutdown timeout (RELEASE_GRACE_MS in graceful-shutdown.service.ts). */
const WORKER_RELEASE_GRACE_MS = 5_000;

// ---------------------------------------------------------------------------------------------------------------
// The check itself

function checkEnv(where: string, schema: (typeof schemas)[SchemaName], schemaName: string, env: Env): string[] {
  const problems: string[] = [];
  const shape = schema.shape as Record<string, unknown>;
  for (const key of env.keys()) {
    if (!(key in shape)) problems.push(`${where}: ${key} is not a variable of the ${schemaName} env schema`);
  }
  // As parseEnv does: empty means unset.
  const literal = Object.fromEntries(
    [...env].filter(
      (entry): entry is [string, string] => entry[0] in shape && entry[1] !== undefined && entry[1] !== '',
    ),
  );
  const result = schema.safeParse(literal);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '(environment)');
      if (env.has(key) && env.get(key) === undefined) continue; // set from a Secret: its value is not ours to see
      problems.push(
        env.has(key)
          ? `${where}: ${key} has an invalid value: ${issue.message}`
          : `${where}: ${key} is required but not set (${issue.message})`,
      );
    }
  }
  return problems;
}

/** A YAML scalar as the process would see it in its environment. */
function scalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`not a scalar env value: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml

interface ComposeService {
  image?: string;
  labels?: Record<string, string>;
  build?: { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  command?: string[];
  stop_grace_period?: string;
}

/** Compose interpolation as far as it can be known without a shell: `${X:-default}` is its default. */
function interpolate(value: string): string | undefined {
  let unknown = false;
  const result = value.replace(
    /\$\$|\$\{([A-Z0-9_]+)(?::?([-?])([^}]*))?\}/gi,
    (match, _name, op: string, rest: string) => {
      if (match === '$$') return '$';
      if (op === '-') return rest;
      unknown = true;
      return '';
    },
  );
  return unknown ? undefined : result;
}

function composeEnv(service: ComposeService): Env {
  const entries: [string, unknown][] = Array.isArray(service.environment)
    ? service.environment.map((line) => {
        const [key, ...rest] = line.split('=');
        return [key!, rest.length ? rest.join('=') : undefined];
      })
    : Object.entries(service.environment ?? {});
  return new Map(
    entries.map(([key, value]) => [
      key,
      value === undefined || value === null ? undefined : interpolate(scalar(value)),
    ]),
  );
}

function loadCompose(): Record<string, ComposeService> {
  const document = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  return document.services;
}

function seconds(duration: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(duration);
  if (!match) throw new Error(`unsupported duration ${duration}`);
  const factor = { ms: 0.001, s: 1, m: 60 }[match[2] as 'ms' | 's' | 'm'];
  return Number(match[1]) * factor;
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes: a small kustomize (resources, configMapGenerator with envs/literals/behavior merge, strategic-merge
// patches by kind+name, images). Kustomize's ConfigMap hash suffixes do not matter for what is checked here.

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface Kustomization {
  resources?: string[];
  configMapGenerator?: {
    name: string;
    behavior?: 'create' | 'merge' | 'replace';
    envs?: string[];
    literals?: string[];
  }[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

function readEnvFile(path: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at < 1) throw new Error(`${path}: not KEY=VALUE: ${trimmed}`);
    data[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return data;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNamedList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every((item) => isObject(item) && typeof item['name'] === 'string');

/** Strategic merge as kustomize applies it to these manifests: maps merge, `null` deletes, named lists merge by name. */
function strategicMerge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (value === null) delete target[key];
    else if (isNamedList(current) && isNamedList(value)) {
      for (const item of value) {
        const existing = current.find((candidate) => candidate['name'] === item['name']);
        if (existing) strategicMerge(existing, item);
        else current.push(item);
      }
    } else if (isObject(current) && isObject(value)) strategicMerge(current, value);
    else target[key] = value;
  }
}

function render(dir: string): Resource[] {
  const kustomization = parse(readFileSync(resolve(dir, 'kustomization.yaml'), 'utf8')) as Kustomization;
  const resources: Resource[] = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(dir, entry);
    if (statSync(path).isDirectory()) resources.push(...render(path));
    else resources.push(...parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => doc.toJS() as Resource));
  }
  for (const generator of kustomization.configMapGenerator ?? []) {
    const data: Record<string, string> = {};
    for (const file of generator.envs ?? []) Object.assign(data, readEnvFile(resolve(dir, file)));
    for (const literal of generator.literals ?? []) {
      const at = literal.indexOf('=');
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    const existing = resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === generator.name);
    if (generator.behavior === 'merge' || generator.behavior === 'replace') {
      if (!existing)
        throw new Error(`${dir}: configMapGenerator ${generator.name} ${generator.behavior}s a missing ConfigMap`);
      existing['data'] = generator.behavior === 'merge' ? { ...(existing['data'] as object), ...data } : data;
    } else resources.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data });
  }
  for (const { path } of kustomization.patches ?? []) {
    const patch = parse(readFileSync(resolve(dir, path), 'utf8')) as Resource;
    const target = resources.find((r) => r.kind === patch.kind && r.metadata.name === patch.metadata.name);
    if (!target) throw new Error(`${dir}/${path}: patches ${patch.kind} ${patch.metadata.name}, which does not exist`);
    strategicMerge(target, patch);
  }
  for (const image of kustomization.images ?? []) {
    for (const container of resources.flatMap(containersOf)) {
      if (container.image.split(':')[0] === image.name) {
        container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ''}`;
      }
    }
  }
  return resources;
}

interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: unknown;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
}

interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

function podSpecOf(resource: Resource): PodSpec | undefined {
  if (!['Deployment', 'Job', 'StatefulSet', 'DaemonSet'].includes(resource.kind)) return undefined;
  return (resource['spec'] as { template: { spec: PodSpec } }).template.spec;
}

function containersOf(resource: Resource): Container[] {
  return podSpecOf(resource)?.containers ?? [];
}

function containerEnv(resources: Resource[], container: Container): { env: Env; problems: string[] } {
  const env: Env = new Map();
  const problems: string[] = [];
  const configMap = (name: string) =>
    resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name === name)?.['data'] as
      Record<string, string> | undefined;
  for (const source of container.envFrom ?? []) {
    if (source.secretRef)
      problems.push(`${container.name}: envFrom secretRef ${source.secretRef.name} hides which variables are set`);
    if (source.configMapRef) {
      const data = configMap(source.configMapRef.name);
      if (!data) problems.push(`${container.name}: ConfigMap ${source.configMapRef.name} does not exist`);
      for (const [key, value] of Object.entries(data ?? {})) env.set(key, scalar(value));
    }
  }
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.configMapKeyRef;
    if (ref) env.set(variable.name, configMap(ref.name)?.[ref.key]);
    else if (variable.valueFrom?.secretKeyRef) env.set(variable.name, undefined);
    else env.set(variable.name, variable.value === undefined ? '' : scalar(variable.value));
  }
  return { env, problems };
}

/** Which schema a workload's containers are checked against, from its component label. */
const componentSchemas: Record<string, SchemaName> = { api: 'api', web: 'web', worker: 'worker', migrate: 'db-tools' };

function workloads(resources: Resource[]) {
  return resources
    .filter((resource) => podSpecOf(resource))
    .map((resource) => {
      const component = resource.metadata.labels?.['app.kubernetes.io/component'] ?? '';
      return { resource, component, schema: componentSchemas[component], pod: podSpecOf(resource)! };
    });
}

const overlays = ['base', ...readdirSync(resolve(root, 'infra/k8s/overlays')).map((name) => `overlays/${name}`)];

// ---------------------------------------------------------------------------------------------------------------

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

describe.each(overlays)('Kubernetes %s', (overlay) => {
  const resources = render(resolve(root, 'infra/k8s', overlay));
  const found = workloads(resources);
  const only = (component: string) => {
    const matching = found.filter((workload) => workload.component === component);
    expect(matching, `${overlay}: one ${component} workload`).toHaveLength(1);
    return matching[0]!;
  };

  it('deploys api, web and worker as separate Deployments and migrates with a Job', () => {
    expect(found.map((w) => `${w.resource.kind}/${w.component}`).sort()).toEqual([
      'Deployment/api',
      'Deployment/web',
      'Deployment/worker',
      'Job/migrate',
    ]);
    expect(only('migrate').pod.containers[0]!).toMatchObject({ command: ['node', 'packages/db/dist/cli/migrate.js'] });
  });

  it('gives every container only variables of its schema, and every required one', () => {
    const problems = found.flatMap(({ resource, schema, pod }) =>
      pod.containers.flatMap((container) => {
        const where = `${overlay} ${resource.kind}/${resource.metadata.name}`;
        if (!schema) return [`${where}: no app.kubernetes.io/component label naming its app`];
        const { env, problems: sourceProblems } = containerEnv(resources, container);
        return [...sourceProblems.map((p) => `${where} ${p}`), ...checkEnv(where, schemas[schema], schema, env)];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('runs images built by the Dockerfiles, as a non-root user', () => {
    for (const { component, pod } of found) {
      const app = component === 'migrate' ? 'api' : component;
      for (const container of pod.containers) {
        expect(container.image, component).toMatch(new RegExp(`(^|/)bufor/${app}(:|$)`));
        expect(existsSync(resolve(root, `infra/docker/${app}.Dockerfile`))).toBe(true);
      }
      expect(pod.securityContext?.runAsNonRoot, component).toBe(true);
    }
  });

  it('probes api and worker on /ready and /health, web on /api/health', () => {
    const probes = (component: string) => {
      const container = only(component).pod.containers[0]!;
      return [container.readinessProbe?.httpGet?.path, container.livenessProbe?.httpGet?.path];
    };
    expect(probes('api')).toEqual(['/ready', '/health']);
    expect(probes('worker')).toEqual(['/ready', '/health']);
    expect(probes('web')).toEqual(['/api/health', '/api/health']);
  });

  it('exposes api and web through Services, the worker only through a metrics port and an autoscaler', () => {
    const selected = resources
      .filter((r) => r.kind === 'Service')
      .map((r) => (r['spec'] as { selector: Record<string, string> }).selector['app.kubernetes.io/name']);
    expect(selected.sort()).toEqual(['bufor-api', 'bufor-web']);

    const worker = only('worker');
    const { env } = containerEnv(resources, worker.pod.containers[0]!);
    expect(worker.pod.containers[0]!.ports).toEqual([
      { name: 'metrics', containerPort: Number(env.get('WORKER_PORT')) },
    ]);
    const hpa = resources.find((r) => r.kind === 'HorizontalPodAutoscaler');
    expect(hpa?.['spec']).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: worker.resource.metadata.name },
    });
  });

  it('gives the worker pod more time to stop than its shutdown timeout plus the release grace', () => {
    const worker = only('worker');
    const { env } = containerEnv(resources, worker.pod.containers[0]!);
    const timeoutMs = Number(env.get('WORKER_SHUTDOWN_TIMEOUT_MS'));
    expect((worker.pod.terminationGracePeriodSeconds ?? 30) * 1000).toBeGreaterThan(
      timeoutMs + WORKER_RELEASE_GRACE_MS,
    );
  });
});

describe('Kubernetes production overlay', () => {
  const resources = render(resolve(root, 'infra/k8s/overlays/production'));

  it('uses AWS KMS and managed S3 in api and worker', () => {
    for (const { component, pod } of workloads(resources).filter((w) => ['api', 'worker'].includes(w.component))) {
      const { env } = containerEnv(resources, pod.containers[0]!);
      expect(env.get('KMS_PROVIDER'), component).toBe('aws');
      expect(env.get('S3_ENDPOINT'), component).toMatch(/^https:\/\//);
      expect(env.get('NODE_ENV'), component).toBe('production');
    }
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
