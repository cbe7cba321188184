import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dbToolsEnvSchema, envSchemas, seedEnvSchema } from '@bufor/config';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/processes';

const documented = new Set(
  readFileSync(join(repoRoot, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((key): key is string => Boolean(key)),
);

const schemas = { ...envSchemas, 'db-tools': dbToolsEnvSchema, seed: seedEnvSchema };
const declared = new Set(Object.values(schemas).flatMap((schema) => Object.keys(schema.shape)));

describe('.env.example', () => {
  it('documents every variable of every app schema', () => {
    const missing = [...declared].filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it('documents no variable that no app reads', () => {
    const unknown = [...documented].filter((key) => !declared.has(key));
    expect(unknown).toEqual([]);
  });
});
