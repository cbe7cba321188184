/**
 * Writes the encoder-made KSE fixtures. Run: `npx tsx packages/fa3/test-fixtures/kse/generate-kse-fixtures.ts`.
 * `kse-fixtures.spec.ts` fails when the files on disk differ from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeKseBytes } from '../../src/kse';
import { ENCODER_FIXTURES } from '../../src/kse/testing/kse-fixture-list';

for (const fixture of ENCODER_FIXTURES) {
  writeFileSync(resolve(__dirname, fixture.file), writeKseBytes(fixture.document, fixture.encoding));
  console.log(`wrote ${fixture.file} (${fixture.encoding})`);
}
