import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../domain/permissions';
import { loginWithKsefToken } from '../testing/auth-flow';
import { OPENAPI_PATH } from '../testing/openapi-response-validator';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';

interface Operation {
  method: string;
  template: string;
  hasJsonBody: boolean;
  hasXmlBody: boolean;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

function operations(): Operation[] {
  const spec = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
  };
  return Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        hasJsonBody: Boolean(op.requestBody?.content?.['application/json']),
        hasXmlBody: Boolean(op.requestBody?.content?.['application/xml']),
      })),
  );
}

/** Plausible values for path parameters: well-formed but unknown, so each operation reaches its own logic. */
const PARAMS: Record<string, string> = {
  referenceNumber: '20250101-SO-0000000000-0000000000-00',
  invoiceReferenceNumber: '20250101-EE-0000000000-0000000000-00',
  upoReferenceNumber: '20250101-EU-0000000000-0000000000-00',
  ksefNumber: '5265877635-20250826-0100001AF629-AF',
  certificateSerialNumber: '0123456789ABCDEF',
  permissionId: '00000000-0000-4000-8000-000000000000',
};

let h: SimHarness;
let accessToken: string;
beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false } });
  accessToken = (await loginWithKsefToken(h, randomNip(), [...PERMISSIONS])).accessToken;
});
afterAll(async () => h.close());

describe('open-api.json coverage', () => {
  const all = operations();

  it('the contract has the 73 paths and 78 operations the simulator must serve', () => {
    expect(new Set(all.map((o) => o.template)).size).toBe(73);
    expect(all).toHaveLength(78);
  });

  it('every operation answers with a status and body documented for it (never route-not-found)', async () => {
    const failures: string[] = [];
    for (const op of all) {
      const path = op.template.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x');
      try {
        // h.api validates status, content type and body against the operation in open-api.json.
        const res = await h.api(op.method, path, {
          token: accessToken,
          ...(op.hasXmlBody ? { rawBody: '<x/>', contentType: 'application/xml' } : op.hasJsonBody ? { body: {} } : {}),
        });
        if (res.status === 404) failures.push(`${op.method} ${op.template}: 404`);
      } catch (error) {
        failures.push(`${op.method} ${op.template}: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
