/**
 * Reading the deployment files the way their tools do (docker compose interpolation, kustomize rendering) and the
 * env check the deployment specs share.
 */
import { dbToolsEnvSchema, envSchemas } from '@bufor/config';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const root = resolve(__dirname, '../..');
export const schemas = { ...envSchemas, 'db-tools': dbToolsEnvSchema } as const;
export type SchemaName = keyof typeof schemas;
export const isSchemaName = (name: unknown): name is SchemaName => typeof name === 'string' && name in schemas;

/** A variable's value, or `undefined` when it comes from somewhere this test cannot read (a Secret, the shell). */
export type Env = Map<string, string | undefined>;

/** Grace the worker gives handlers after the shutdown timeout (RELEASE_GRACE_MS in graceful-shutdown.service.ts). */
export const WORKER_RELEASE_GRACE_MS = 5_000;

// ---------------------------------------------------------------------------------------------------------------
// The check itself

export function checkEnv(where: string, schema: (typeof schemas)[SchemaName], schemaName: string, env: Env): string[] {
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
export function scalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`not a scalar env value: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml

export interface ComposeService {
  image?: string;
  labels?: Record<string, string>;
  build?: { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  command?: string[];
  stop_grace_period?: string;
}

/** Compose interpolation as far as it can be known without a shell: `${X:-default}` is its default. */
export function interpolate(value: string): string | undefined {
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

export function composeEnv(service: ComposeService): Env {
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

export function loadCompose(): Record<string, ComposeService> {
  const document = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  return document.services;
}

export function seconds(duration: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(duration);
  if (!match) throw new Error(`unsupported duration ${duration}`);
  const factor = { ms: 0.001, s: 1, m: 60 }[match[2] as 'ms' | 's' | 'm'];
  return Number(match[1]) * factor;
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes: a small kustomize (resources, configMapGenerator with envs/literals/behavior merge, strategic-merge
// patches by kind+name, images). Kustomize's ConfigMap hash suffixes do not matter for what is checked here.

export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export interface Kustomization {
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

export function readEnvFile(path: string): Record<string, string> {
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

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const isNamedList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) && value.every((item) => isObject(item) && typeof item['name'] === 'string');

/** Strategic merge as kustomize applies it to these manifests: maps merge, `null` deletes, named lists merge by name. */
export function strategicMerge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
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

export function render(dir: string): Resource[] {
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

export interface Container {
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

export interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

export function podSpecOf(resource: Resource): PodSpec | undefined {
  if (!['Deployment', 'Job', 'StatefulSet', 'DaemonSet'].includes(resource.kind)) return undefined;
  return (resource['spec'] as { template: { spec: PodSpec } }).template.spec;
}

export function containersOf(resource: Resource): Container[] {
  return podSpecOf(resource)?.containers ?? [];
}

export function containerEnv(resources: Resource[], container: Container): { env: Env; problems: string[] } {
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
export const componentSchemas: Record<string, SchemaName> = {
  api: 'api',
  web: 'web',
  worker: 'worker',
  migrate: 'db-tools',
};

export function workloads(resources: Resource[]) {
  return resources
    .filter((resource) => podSpecOf(resource))
    .map((resource) => {
      const component = resource.metadata.labels?.['app.kubernetes.io/component'] ?? '';
      return { resource, component, schema: componentSchemas[component], pod: podSpecOf(resource)! };
    });
}

export const overlays = ['base', ...readdirSync(resolve(root, 'infra/k8s/overlays')).map((name) => `overlays/${name}`)];
