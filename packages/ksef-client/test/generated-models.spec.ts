import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_PATH, MODELS_PATH, renderModels } from '../scripts/generate-models';

describe('generated models', () => {
  it('are up to date with open-api.json (run scripts/generate-models.ts when this fails)', () => {
    expect(readFileSync(MODELS_PATH, 'utf8')).toBe(renderModels(DEFAULT_SPEC_PATH));
  });
});
