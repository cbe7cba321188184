import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Tests read the contract straight from the shared folder (repo root/../shared), not the package copy. */
export const OPENAPI_PATH = resolve(__dirname, '../../../../../shared/ksef/open-api.json');

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface CompiledPath {
  template: string;
  regex: RegExp;
  params: number;
  operations: Record<string, Operation>;
}

/**
 * Validates a simulator response against the response schema of the matched operation and status in
 * open-api.json. A status the operation does not document, a content type it does not list, or a body that
 * does not match is a failure. OpenAPI 3.0 `nullable` is rewritten to JSON Schema here, independently of the
 * simulator's own request validation.
 */
export class OpenApiResponseValidator {
  private readonly ajv: Ajv;
  private readonly paths: CompiledPath[];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(specPath = OPENAPI_PATH) {
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    };
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'double', 'float', 'byte', 'binary']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: 'spec', components: { schemas: toJsonSchema(spec.components.schemas) } });
    this.paths = Object.entries(spec.paths)
      .map(([template, operations]) => ({
        template,
        regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
        operations,
      }))
      // Literal segments win over parameters (/auth/sessions before /auth/{referenceNumber}).
      .sort((a, b) => a.params - b.params);
    this.specOperations = spec.paths;
  }

  private readonly specOperations: Record<string, Record<string, Operation>>;

  /** `path` is relative to /v2 and without the query string. Throws with a readable message on mismatch. */
  validate(method: string, path: string, status: number, contentType: string | null, body: unknown): void {
    const match = this.paths.find((p) => p.regex.test(path) && p.operations[method.toLowerCase()]);
    if (!match) throw new Error(`No operation in open-api.json for ${method} ${path}`);
    const operation = match.operations[method.toLowerCase()]!;
    const response = operation.responses[String(status)];
    if (!response) {
      throw new Error(
        `${method} ${match.template} answered ${status}, which open-api.json does not document (${Object.keys(operation.responses).join(', ')}): ${JSON.stringify(body)}`,
      );
    }
    if (!response.content) {
      if (body !== undefined && body !== '' && body !== null) {
        throw new Error(`${method} ${match.template} ${status} must have no body, got ${JSON.stringify(body)}`);
      }
      return;
    }
    const type = (contentType ?? '').split(';')[0]!.trim();
    const media = response.content[type];
    if (!media) {
      throw new Error(
        `${method} ${match.template} ${status}: content type '${type}' not in ${Object.keys(response.content).join(', ')}`,
      );
    }
    if (!media.schema || type === 'application/xml' || type === 'application/octet-stream') return;
    const key = `${method} ${match.template} ${status} ${type}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(rewriteRefs(media.schema)) as object);
      this.cache.set(key, validate);
    }
    if (!validate(body)) {
      throw new Error(
        `${key} does not match open-api.json: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
      );
    }
  }

  /** Whether the contract has this operation at all (used to report undocumented endpoints). */
  hasOperation(method: string, template: string): boolean {
    return Boolean(this.specOperations[template]?.[method.toLowerCase()]);
  }
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]) =>
      key === '$ref' && typeof value === 'string' ? [key, `spec${value}`] : [key, rewriteRefs(value)],
    ),
  );
}

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') continue;
    out[key] = key === 'properties' ? mapValues(value, toJsonSchema) : toJsonSchema(value);
  }
  return source.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fn(v)]));
}
