import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { apiEnvSchema, parseEnv } from '@bufor/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { buildOpenApiDocument, serializeOpenApi } from '../openapi/openapi-document';

/** Writes apps/api/openapi.json without connecting anywhere (providers are not instantiated in preview mode). */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(parseEnv('api', apiEnvSchema, {})), {
    preview: true,
    logger: false,
  });
  const target = resolve(__dirname, '../../openapi.json');
  writeFileSync(target, serializeOpenApi(buildOpenApiDocument(app)));
  await app.close();
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
