import { z } from 'zod';
import { booleanFlag, httpUrl, logLevel, nodeEnv, port } from './common.schema';

export const simulatorEnvSchema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  SIM_HOST: z.string().default('127.0.0.1'),
  SIM_PORT: port(8100),
  /** Where the simulator keeps its keys, CA and state snapshot between restarts. */
  SIM_DATA_DIR: z.string().default('var/ksef-simulator'),
  SIM_SNAPSHOT_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /** The /sim control API (contexts, purchase invoices, faults, clock); off in the production image. */
  SIM_CONTROL_API: booleanFlag(true),
  /** KSeF's production rate-limit table; off for load tests of our own code. */
  SIM_RATE_LIMITS: booleanFlag(true),
  /** Delay of each asynchronous processing step, as KSeF processes invoices asynchronously. */
  SIM_PROCESSING_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  /** Simulated time runs this many times faster than real time (benchmarks of hour-long rate-limit windows). */
  SIM_TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  SIM_ACCESS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  SIM_REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(7 * 24 * 3600),
  /** Base of the pre-signed upload/download URLs it hands out, when clients reach it at another address. */
  SIM_PUBLIC_BASE_URL: httpUrl('https://ksef-sim.example.com').optional(),
  /** Which KSeF environment it behaves like (TEST/DEMO tolerate what PRD rejects). */
  SIM_ENVIRONMENT: z.enum(['TEST', 'DEMO', 'PRD']).default('TEST'),
});

export type SimulatorConfig = z.infer<typeof simulatorEnvSchema>;
