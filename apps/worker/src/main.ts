import 'reflect-metadata';
import { loadConfigOrExit, maskSecrets, workerEnvSchema } from '@bufor/config';
import { NestFactory } from '@nestjs/core';
import { createLogger, PinoNestLogger } from './core/logger';
import { GracefulShutdown } from './lifecycle/graceful-shutdown.service';
import { OpsServer } from './ops/ops-server';
import { WorkerModule } from './worker.module';

/** If shutting down takes longer than the job timeout plus this, exit anyway (the jobs' locks still expire). */
const SHUTDOWN_WATCHDOG_EXTRA_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit('worker', workerEnvSchema);
  const logger = createLogger(config);
  logger.info({ config: maskSecrets(workerEnvSchema, config) }, 'worker starting');

  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const ops = app.get(OpsServer);
  const address = await ops.listen();
  logger.info(
    { host: address.address, port: address.port },
    'worker started; ops endpoints on /health, /ready, /metrics',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutdown requested');
    setTimeout(() => {
      logger.error('shutdown watchdog fired; exiting with jobs still running');
      process.exit(1);
    }, config.WORKER_SHUTDOWN_TIMEOUT_MS + SHUTDOWN_WATCHDOG_EXTRA_MS).unref();
    void (async () => {
      const result = await app.get(GracefulShutdown).drain();
      await ops.close();
      if (result.kind === 'abandoned') {
        // Closing the queue workers would wait for those jobs forever. Exiting drops their locks' renewal: BullMQ
        // puts them back in the queue when the locks expire, and their open transactions roll back.
        logger.error({ result }, 'worker stopped with jobs still running');
        process.exit(1);
      }
      await app.close();
      logger.info({ result }, 'worker stopped');
      process.exit(0);
    })().catch((error: unknown) => {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  // The config is not known here (or is invalid): a plain JSON line keeps the log format.
  process.stderr.write(
    `${JSON.stringify({ level: 60, msg: 'worker failed to start', err: error instanceof Error ? error.stack : String(error) })}\n`,
  );
  process.exit(1);
});
