import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { PROBLEM_CONTENT_TYPE } from '../common/problem-details';

/** The API's OpenAPI document, built from the controllers and zod DTOs (checked in as apps/api/openapi.json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Bufor API')
    .setDescription(
      `Bufor: the buffer between sales systems and KSeF 2.0. Errors are RFC 9457 problem details (${PROBLEM_CONTENT_TYPE}) ` +
        'with a stable `code`, a Polish `detail`, field `errors[{ path, message }]` and a `correlationId`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config));
}

export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
