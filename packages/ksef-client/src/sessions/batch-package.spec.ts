import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBatchPackage, buildZip } from './batch-package';

describe('batch package', () => {
  it('splits the archive into encrypted parts that decrypt and concatenate back to it', () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ name: `f-${i}.xml`, content: randomBytes(2_000) }));
    const zip = buildZip(files);
    const sym = { key: randomBytes(32), iv: randomBytes(16) };
    const pkg = buildBatchPackage(zip, sym, 20_000);
    expect(pkg.parts.length).toBe(Math.ceil(zip.length / 20_000));
    expect(pkg.fileHash).toBe(createHash('sha256').update(zip).digest('base64'));
    const plain = pkg.parts.map((p) => {
      expect(p.fileHash).toBe(createHash('sha256').update(p.encrypted).digest('base64'));
      expect(p.fileSize).toBe(p.encrypted.length);
      const d = createDecipheriv('aes-256-cbc', sym.key, sym.iv);
      const out = Buffer.concat([d.update(p.encrypted), d.final()]);
      expect(out.length).toBeLessThanOrEqual(20_000);
      return out;
    });
    const restored = Buffer.concat(plain);
    expect(restored).toEqual(zip);
    const unzipped = unzipSync(restored);
    expect(Buffer.from(unzipped['f-7.xml']!)).toEqual(files[7]!.content);
  });

  it('refuses more than 50 parts and duplicate names', () => {
    const sym = { key: randomBytes(32), iv: randomBytes(16) };
    expect(() => buildBatchPackage(randomBytes(5_100), sym, 100)).toThrow(/51 części/);
    expect(() =>
      buildZip([
        { name: 'a.xml', content: Buffer.from('x') },
        { name: 'a.xml', content: Buffer.from('y') },
      ]),
    ).toThrow(/a.xml/);
  });
});
