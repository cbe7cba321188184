import { z } from 'zod';
import { requireAwsKeyWhenAws } from './api.schema';
import {
  databaseSchema,
  httpUrl,
  keyVaultSchema,
  logFormat,
  logLevel,
  mailSchema,
  nodeEnv,
  objectStoreSchema,
  port,
  redisSchema,
} from './common.schema';

export const workerEnvSchema = z
  .object({
    NODE_ENV: nodeEnv,
    LOG_LEVEL: logLevel,
    LOG_FORMAT: logFormat,
    /** Port of the worker's own /health, /ready and /metrics. */
    WORKER_HOST: z.string().default('127.0.0.1'),
    WORKER_PORT: port(3002),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** How long SIGTERM waits for in-flight jobs before releasing them back to the queue. */
    WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
    KSEF_SIM_URL: httpUrl('http://127.0.0.1:8100/v2').default('http://127.0.0.1:8100/v2'),
    ...databaseSchema,
    ...redisSchema,
    ...objectStoreSchema,
    ...keyVaultSchema,
    ...mailSchema,
  })
  .superRefine(requireAwsKeyWhenAws);

export type WorkerConfig = z.infer<typeof workerEnvSchema>;
