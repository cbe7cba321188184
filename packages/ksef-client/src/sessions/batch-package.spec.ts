import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { archiveType, packArchive, unpackArchive } from '../util/archive';
import { buildBatchPackage } from './batch-package';

describe('batch package', () => {
  it.each(['Zip', 'TarGz'] as const)(
    'splits a %s archive into encrypted parts that decrypt back to it',
    async (type) => {
      const files = Array.from({ length: 40 }, (_, i) => ({ name: `f-${i}.xml`, content: randomBytes(2_000) }));
      const zip = await packArchive(files, type);
      expect(archiveType(zip)).toBe(type);
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
      const unpacked = await unpackArchive(restored);
      expect(unpacked.size).toBe(40);
      expect(unpacked.get('f-7.xml')).toEqual(files[7]!.content);
    },
  );

  it.each(['Zip', 'TarGz'] as const)(
    'packs the same files into the same %s bytes (a resume rebuilds it)',
    async (type) => {
      const files = [
        { name: 'a.xml', content: Buffer.from('<a/>') },
        { name: 'b.xml', content: Buffer.from('<b/>') },
      ];
      const first = await packArchive(files, type);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await packArchive(files, type)).equals(first)).toBe(true);
    },
  );

  it('refuses a tar entry name over 100 bytes', async () => {
    await expect(
      packArchive([{ name: `${'x'.repeat(97)}.xml`, content: Buffer.from('<a/>') }], 'TarGz'),
    ).rejects.toThrow(/100 bajtów/);
  });

  it('refuses to unpack something that is neither ZIP nor tar.gz', async () => {
    await expect(unpackArchive(Buffer.from('<Faktura/>'))).rejects.toThrow(/Nieznany format archiwum/);
  });

  it('refuses more than 50 parts and duplicate names', async () => {
    const sym = { key: randomBytes(32), iv: randomBytes(16) };
    expect(() => buildBatchPackage(randomBytes(5_100), sym, 100)).toThrow(/51 części/);
    await expect(
      packArchive([
        { name: 'a.xml', content: Buffer.from('x') },
        { name: 'a.xml', content: Buffer.from('y') },
      ]),
    ).rejects.toThrow(/a.xml/);
  });
});
