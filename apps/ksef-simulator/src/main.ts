import { resolve } from 'node:path';
import { loadConfigOrExit, simulatorEnvSchema } from '@bufor/config';
import { createSimulator } from './simulator';

async function main(): Promise<void> {
  const config = loadConfigOrExit('ksef-simulator', simulatorEnvSchema);
  const simulator = await createSimulator({
    dataDir: resolve(config.SIM_DATA_DIR),
    logLevel: config.LOG_LEVEL,
    // Rate limits follow the production table; /testdata/rate-limits and /sim switch them per context.
    rateLimits: { enabled: true },
    processingDelayMs: 200,
  });
  const url = await simulator.listen(config.SIM_PORT, config.SIM_HOST);
  simulator.app.log.info(`KSeF simulator listening: API ${url}/v2, control API ${url}/sim`);

  const shutdown = (signal: string) => {
    simulator.app.log.info(`${signal}: saving state and stopping`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        simulator.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
