import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
import { buildOpenApiDocument } from './openapi/openapi-document';

/** Builds the API application (used by main.ts, the tests and the OpenAPI generator). */
export async function createApiApp(config: ApiConfig): Promise<INestApplication> {
  // Users read validation messages in Polish.
  z.config(z.locales.pl());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('text', { limit: '5mb', type: ['application/xml', 'text/xml', 'text/plain'] });
  app.enableShutdownHooks();
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, () => document, { jsonDocumentUrl: 'docs/openapi.json', raw: ['json'] });
  return app;
}
