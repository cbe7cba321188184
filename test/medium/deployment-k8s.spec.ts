import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  WORKER_RELEASE_GRACE_MS,
  checkEnv,
  containerEnv,
  overlays,
  render,
  root,
  schemas,
  workloads,
} from '../support/deployment-manifests';

/*
 * Docker cannot run here, so the deployment files are checked statically: every variable docker-compose.yml and the
 * Kubernetes manifests (base and production overlay, rendered the way kustomize does) give an app must exist in that
 * app's env schema, every required one must be set, literal values must parse, and each Dockerfile must build the
 * app it is named after. A drift fails with the variable name.
 */

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
