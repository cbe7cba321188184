export * from './parse-env';
export * from './common.schema';
export * from './api.schema';
export * from './worker.schema';
export * from './web.schema';
export * from './simulator.schema';
export * from './db-tools.schema';

import { apiEnvSchema } from './api.schema';
import { simulatorEnvSchema } from './simulator.schema';
import { webEnvSchema } from './web.schema';
import { workerEnvSchema } from './worker.schema';

/** Every app's schema by app name; deployment manifests are checked against these. */
export const envSchemas = {
  api: apiEnvSchema,
  worker: workerEnvSchema,
  web: webEnvSchema,
  'ksef-simulator': simulatorEnvSchema,
} as const;
