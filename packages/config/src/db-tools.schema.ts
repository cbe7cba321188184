import { z } from 'zod';
import { databaseSchema, nodeEnv } from './common.schema';

/** Environment of the database tools (migrate, seed). */
export const dbToolsEnvSchema = z.object({ NODE_ENV: nodeEnv, ...databaseSchema });
