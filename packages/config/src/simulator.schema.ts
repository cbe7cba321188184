import { z } from 'zod';
import { logLevel, nodeEnv, port } from './common.schema';

export const simulatorEnvSchema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  SIM_HOST: z.string().default('127.0.0.1'),
  SIM_PORT: port(8100),
  /** Where the simulator keeps its keys and CA between restarts. */
  SIM_DATA_DIR: z.string().default('var/ksef-simulator'),
});

export type SimulatorConfig = z.infer<typeof simulatorEnvSchema>;
