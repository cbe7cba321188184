import { JobProbeEntity } from '@bufor/db';
import { createTestContext, testEnv, testRedisPrefix, type TestContext } from '@bufor/testing';
import { QueueName, type JobInput } from '@bufor/contracts';
import { type LocalS3, startLocalS3 } from '@bufor/platform/dev';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisConnectionOptions } from '../src/core/redis-connection';
import { buildWorker, eventually, freePort, SpawnedWorker } from './spawned-worker';

describe('the worker process', () => {
  let ctx: TestContext;
  let prefix: string;
  let queue: Queue;
  let s3: LocalS3;
  let s3Directory: string;
  const started: SpawnedWorker[] = [];

  beforeAll(async () => {
    buildWorker();
    ctx = await createTestContext('worker-process');
    prefix = testRedisPrefix('worker');
    queue = new Queue(QueueName.Diagnostics, { connection: redisConnectionOptions(testEnv.redisUrl), prefix });
    s3Directory = await mkdtemp(join(tmpdir(), 'bufor-worker-s3-'));
    s3 = await startLocalS3({ port: 0, directory: s3Directory, bucket: 'worker-test' });
  });

  afterEach(() => started.splice(0).forEach((worker) => worker.kill()));

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await ctx.destroy();
    await s3.stop();
    await rm(s3Directory, { recursive: true, force: true });
  });

  async function startWorker(env: Record<string, string> = {}): Promise<{ worker: SpawnedWorker; port: number }> {
    const port = await freePort();
    const worker = new SpawnedWorker({
      // The app role, confined by row-level security, as in production.
      DATABASE_URL: ctx.database.appUrl,
      REDIS_URL: testEnv.redisUrl,
      REDIS_KEY_PREFIX: prefix,
      WORKER_HOST: '127.0.0.1',
      WORKER_PORT: String(port),
      LOG_LEVEL: 'info',
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: s3.bucket,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      ...env,
    });
    started.push(worker);
    await worker.waitForLog((line) => line.msg === 'consuming queues');
    return { worker, port };
  }

  async function enqueueProbe(workMs: number) {
    const tenant = await ctx.newTenant();
    const payload: JobInput<'diagnostics.probe'> = { tenantId: tenant.id, probeId: randomUUID(), workMs };
    const job = await queue.add('diagnostics.probe', payload);
    return { tenant, probeId: payload.probeId, jobId: job.id! };
  }

  // Read as the schema owner, filtering by tenant explicitly.
  const probeRows = (tenant: { id: string }, probeId: string) =>
    ctx.dataSource.getRepository(JobProbeEntity).find({ where: { id: probeId, tenantId: tenant.id } });

  const completed = (jobId: string) =>
    eventually(
      async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined),
      `job ${jobId} completed`,
    );

  it('exits non-zero at start-up on a bad env value, naming the variable', async () => {
    const worker = new SpawnedWorker({ DATABASE_URL: 'nonsense' });
    started.push(worker);
    expect(await worker.exited).toBe(1);
    expect(worker.stderr).toContain('DATABASE_URL');
  });

  it('runs a probe and reports on /health, /ready and /metrics, with job and tenant id in its logs', async () => {
    const { worker, port } = await startWorker();
    const { tenant, probeId, jobId } = await enqueueProbe(0);
    await completed(jobId);
    expect((await probeRows(tenant, probeId)).map((row) => row.runs)).toEqual([1]);

    const done = await worker.waitForLog((line) => line.msg === 'job completed' && line.jobId === jobId);
    expect(done).toMatchObject({ tenantId: tenant.id, queue: 'diagnostics', jobName: 'diagnostics.probe' });
    const configLine = await worker.waitForLog((line) => line.msg === 'worker starting');
    expect(JSON.stringify(configLine)).not.toContain(ctx.database.appUrl);

    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      checks: { postgres: { ok: true }, redis: { ok: true }, objectStore: { ok: true } },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('bufor_worker_jobs_completed_total{queue="diagnostics",job="diagnostics.probe"} 1');
    expect(metrics).toContain(
      'bufor_worker_job_duration_seconds_count{queue="diagnostics",job="diagnostics.probe",result="completed"} 1',
    );
    expect(metrics).toContain('process_cpu_seconds_total');

    // Permanent failures: an invalid payload or an unknown job name fails at once, without retries, naming the cause.
    const invalid = await queue.add('diagnostics.probe', { probeId: randomUUID() }, { attempts: 3 });
    const unknown = await queue.add('diagnostics.unknown', { tenantId: tenant.id }, { attempts: 3 });
    for (const [job, reason] of [
      [invalid, /invalid payload for diagnostics\.probe: tenantId/],
      [unknown, /no handler for job "diagnostics\.unknown"/],
    ] as const) {
      await eventually(async () => ((await queue.getJobState(job.id!)) === 'failed' ? true : undefined), 'failed job');
      const failed = await queue.getJob(job.id!);
      expect(failed?.failedReason).toMatch(reason);
      expect(failed?.attemptsMade).toBe(1);
    }
    const afterFailures = await (await fetch(`${base}/metrics`)).text();
    expect(afterFailures).toContain('bufor_worker_jobs_failed_total{queue="diagnostics",job="diagnostics.probe"} 1');
    expect(afterFailures).toContain('bufor_worker_jobs_failed_total{queue="diagnostics",job="unknown"} 1');

    worker.terminate();
    expect(await worker.exited).toBe(0);
  });

  it('is not ready while a dependency is missing (here: the object store bucket)', async () => {
    const { worker, port } = await startWorker({ S3_BUCKET: 'no-such-bucket' });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not-ready', checks: { objectStore: { ok: false } } });
    worker.terminate();
    expect(await worker.exited).toBe(0);
  });

  it('SIGTERM during a job lets the job finish within the shutdown timeout, then exits 0', async () => {
    const { worker } = await startWorker({ WORKER_SHUTDOWN_TIMEOUT_MS: '30000' });
    const { tenant, probeId, jobId } = await enqueueProbe(2000);
    await worker.waitForLog((line) => line.msg === 'job started' && line.jobId === jobId);

    worker.terminate();
    expect(await worker.exited).toBe(0);

    expect(await queue.getJobState(jobId)).toBe('completed');
    expect((await probeRows(tenant, probeId)).map((row) => row.runs)).toEqual([1]);
  });

  it('SIGTERM with a shutdown timeout shorter than the job releases it; a new worker completes it exactly once', async () => {
    const first = await startWorker({ WORKER_SHUTDOWN_TIMEOUT_MS: '200' });
    const { tenant, probeId, jobId } = await enqueueProbe(3000);
    await first.worker.waitForLog((line) => line.msg === 'job started' && line.jobId === jobId);

    first.worker.terminate();
    expect(await first.worker.exited).toBe(0);
    await first.worker.waitForLog(
      (line) => line.msg === 'job released back to the queue (shutdown)' && line.jobId === jobId,
    );

    // Back in the queue, not lost, not failed, and it did not run to the end.
    expect(await queue.getJobState(jobId)).toBe('waiting');
    expect(await probeRows(tenant, probeId)).toEqual([]);

    const second = await startWorker({ WORKER_SHUTDOWN_TIMEOUT_MS: '30000' });
    await completed(jobId);
    expect((await probeRows(tenant, probeId)).map((row) => row.runs)).toEqual([1]);
    second.worker.terminate();
    expect(await second.worker.exited).toBe(0);
  });
});
