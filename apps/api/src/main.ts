import { apiEnvSchema, loadConfigOrExit, maskSecrets } from '@bufor/config';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfigOrExit('api', apiEnvSchema);
  const app = await createApiApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  app
    .get(Logger)
    .log(
      { config: maskSecrets(apiEnvSchema, config) },
      `API listening on http://${config.API_HOST}:${config.API_PORT}`,
    );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
