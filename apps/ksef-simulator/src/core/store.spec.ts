import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatorStore } from './store';

describe('SimulatorStore', () => {
  it('round-trips tables with Buffers, Maps and Sets through the snapshot file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-store-')), 'snapshot.json');
    const store = new SimulatorStore(file);
    store.table<{ xml: Buffer; tags: Set<string>; index: Map<string, number> }>('things').set('a', {
      xml: Buffer.from('<a/>'),
      tags: new Set(['x']),
      index: new Map([['k', 1]]),
    });
    store.save();

    const restored = new SimulatorStore(file);
    expect(restored.load()).toBe(true);
    const thing = restored.table<{ xml: Buffer; tags: Set<string>; index: Map<string, number> }>('things').get('a');
    expect(thing?.xml.toString()).toBe('<a/>');
    expect(thing?.tags.has('x')).toBe(true);
    expect(thing?.index.get('k')).toBe(1);
  });
});
