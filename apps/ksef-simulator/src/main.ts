import { resolve } from 'node:path';
import { loadConfigOrExit, simulatorEnvSchema } from '@bufor/config';
import { createSimulator } from './simulator';

async function main(): Promise<void> {
  const config = loadConfigOrExit('ksef-simulator', simulatorEnvSchema);
  const simulator = await createSimulator({
    dataDir: resolve(config.SIM_DATA_DIR),
    snapshotIntervalMs: config.SIM_SNAPSHOT_INTERVAL_MS,
    logLevel: config.LOG_LEVEL,
    controlApi: config.SIM_CONTROL_API,
    // Rate limits follow the production table; /testdata/rate-limits and /sim switch them per context.
    rateLimits: { enabled: config.SIM_RATE_LIMITS },
    processingDelayMs: config.SIM_PROCESSING_DELAY_MS,
    timeScale: config.SIM_TIME_SCALE,
    tokenLifetimes: {
      accessTokenSeconds: config.SIM_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenSeconds: config.SIM_REFRESH_TOKEN_TTL_SECONDS,
    },
    environment: config.SIM_ENVIRONMENT,
    ...(config.SIM_PUBLIC_BASE_URL ? { publicBaseUrl: config.SIM_PUBLIC_BASE_URL } : {}),
  });
  const url = await simulator.listen(config.SIM_PORT, config.SIM_HOST);
  simulator.app.log.info(
    `KSeF simulator listening: API ${url}/v2` +
      (config.SIM_CONTROL_API ? `, control API ${url}/sim` : ' (control API off)'),
  );

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
