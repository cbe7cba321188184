import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../xml/xml-toolkit';

/** Formats fastify's ajv (with ajv-formats) understands; OpenAPI-only formats (int32, byte, ...) are dropped. */
const KNOWN_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'ipv4', 'ipv6', 'uuid']);

export const OPENAPI_SCHEMA_ID = 'ksef-openapi';

/**
 * The contract's component schemas rewritten from OpenAPI 3.0 to JSON Schema for request-body validation:
 * `nullable: true` becomes `anyOf [..., null]`, examples and unknown formats are removed.
 */
export function loadOpenApiComponentSchemas(): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'open-api.json'), 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  return { $id: OPENAPI_SCHEMA_ID, components: { schemas: convert(spec.components.schemas) } };
}

export function bodySchema(name: string): { $ref: string } {
  return { $ref: `${OPENAPI_SCHEMA_ID}#/components/schemas/${name}` };
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'example' || key === 'examples' || key === 'nullable' || key.startsWith('x-')) continue;
    if (key === 'format' && typeof value === 'string' && !KNOWN_FORMATS.has(value)) continue;
    out[key] = convert(value);
  }
  // Array size limits are expressed with minimum/maximum in the contract (AllowedIps); keep them meaningful.
  if (out.type === 'array' && typeof out.maximum === 'number') {
    out.maxItems = out.maximum;
    delete out.maximum;
    delete out.minimum;
  }
  if ((node as { nullable?: unknown }).nullable === true) {
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}
