import { z } from 'zod';
import { devDefaultSecret, httpUrl, nodeEnv, port } from './common.schema';
import { requireProductionSecrets } from './api.schema';

export const webEnvSchema = z
  .object({
    NODE_ENV: nodeEnv,
    WEB_PORT: port(3001),
    /** Where the web server reaches the API (server-side calls only). */
    API_INTERNAL_URL: httpUrl('http://127.0.0.1:3000').default('http://127.0.0.1:3000'),
    NEXTAUTH_URL: httpUrl('http://localhost:3001').default('http://localhost:3001'),
    NEXTAUTH_SECRET: devDefaultSecret(),
  })
  .superRefine(requireProductionSecrets(['NEXTAUTH_SECRET']));

export type WebConfig = z.infer<typeof webEnvSchema>;
