import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { createXsdValidator, defaultXsdValidatorKind } from './invoice-validator';
import { NATIVE_ADDON_FILE, nativeXsdAddon } from './xsd-libxml2-native.validator';
import { FA3_SCHEMA_FILE, type XsdValidator } from './xsd-validator';

const VALID = readFileSync(resolve(__dirname, '../../test-fixtures/invoices/valid-basic.xml'), 'utf8');
const BODY = VALID.slice(VALID.indexOf('<Faktura'));
const lineOf = (text: string) => VALID.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('libxml2 addon', () => {
  it('is built here and is the default validator (test.sh installs libxml2-dev before pnpm install)', () => {
    expect(nativeXsdAddon()?.libxmlVersion).toMatch(/^2\.\d+\.\d+/);
    expect(defaultXsdValidatorKind()).toBe('libxml2-native');
  });

  describe('called directly, without the DTD pre-check', () => {
    const addon = nativeXsdAddon()!;
    const schema = addon.compile(FA3_SCHEMA_FILE);

    it('never reads an external entity', () => {
      const xxe = `<!DOCTYPE Faktura [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
${BODY.replace('<P_2>FV/2026/01/0042</P_2>', '<P_2>&xxe;</P_2>')}`;
      const issues = addon.validate(schema, Buffer.from(xxe));
      expect(issues?.length).toBeGreaterThan(0);
      expect(JSON.stringify(issues)).not.toContain('root:');
    });

    it('stops an entity expansion bomb at the parser', () => {
      const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
      const bomb = `<!DOCTYPE Faktura [<!ENTITY l0 "lol">${entities}]>
${BODY.replace('<P_2>FV/2026/01/0042</P_2>', '<P_2>&l9;</P_2>')}`;
      const issues = addon.validate(schema, Buffer.from(bomb));
      expect(issues?.[0]).toEqual(expect.objectContaining({ syntax: true }));
    });

    it('reports an empty document, which libxml2 itself does not describe', () => {
      expect(addon.validate(schema, new Uint8Array(0))).toEqual([
        { syntax: true, message: 'Document is empty', line: 1, column: 1, path: undefined },
      ]);
    });

    it('refuses arguments of the wrong type with a TypeError', () => {
      expect(() => addon.validate(schema, VALID as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => addon.validate({}, Buffer.from(VALID))).toThrow(TypeError);
      expect(() => addon.compile(42 as unknown as string)).toThrow(TypeError);
    });

    it('validates in several worker threads at once, each with its own compiled schema', async () => {
      const invalid = VALID.replace('<P_12>5</P_12>', '<P_12>24</P_12>');
      const code = `
        const { parentPort, workerData } = require('node:worker_threads');
        const addon = require(workerData.addon);
        const schema = addon.compile(workerData.schema);
        const verdicts = [];
        for (let i = 0; i < 200; i++) verdicts.push(addon.validate(schema, Buffer.from(i % 2 ? workerData.invalid : workerData.valid)) === null);
        parentPort.postMessage(verdicts);`;
      const workerData = { addon: NATIVE_ADDON_FILE, schema: FA3_SCHEMA_FILE, valid: VALID, invalid };
      const results = await Promise.all(
        Array.from({ length: 3 }, () => {
          const worker = new Worker(code, { eval: true, workerData });
          return new Promise<boolean[]>((done, fail) => worker.once('message', done).once('error', fail));
        }),
      );
      for (const verdicts of results) expect(verdicts).toEqual(Array.from({ length: 200 }, (_, i) => i % 2 === 0));
    });

    it('names the missing schema file when compiling fails', () => {
      expect(() => addon.compile('/nonexistent/schema.xsd')).toThrow(/nonexistent/);
    });
  });
});

describe('libxml2-native validator', () => {
  let native: XsdValidator;
  let wasm: XsdValidator;
  beforeAll(async () => {
    [native, wasm] = await Promise.all([createXsdValidator('libxml2-native'), createXsdValidator('libxml2-wasm')]);
  });

  it('reports the same codes, element paths and lines as libxml2-wasm', () => {
    const broken = [
      VALID.replace('<P_12>5</P_12>', '<P_12>24</P_12>'),
      VALID.replace('<JST>2</JST>', ''),
      VALID.replace('<P_1>2026-01-15</P_1>', '<P_1>2026-02-30</P_1>'),
      VALID.replace('<P_15>2740.55</P_15>', '<P_15>2740.555</P_15>'),
      VALID.replace(/<P_11>/g, '<P_11>x'),
      VALID.replace('</P_2>', '</P_3>'),
    ];
    for (const xml of broken) {
      const shape = (v: XsdValidator) => v.validate(xml).map(({ code, path, line }) => ({ code, path, line }));
      expect(shape(native)).toEqual(shape(wasm));
      expect(shape(native).length).toBeGreaterThan(0);
    }
    const lines = native.validate(broken[4]!).map((i) => i.path);
    expect(lines).toContain('Faktura/Fa/FaWiersz[2]/P_11');
    expect(native.validate(broken[3]!)[0]?.line).toBe(lineOf('<P_15>'));
  });

  it('keeps validating correctly after documents full of made-up element names renew its parser', () => {
    const names = Array.from({ length: 25_000 }, (_, i) => `<X${i}/>`).join('');
    const junk = BODY.replace('<Naglowek>', `<Naglowek>${names}`);
    expect(native.validate(junk)[0]).toEqual(expect.objectContaining({ code: 'XSD_UNEXPECTED_ELEMENT' }));
    expect(native.validate(VALID)).toEqual([]);
    expect(native.validate(VALID.replace('<P_12>5</P_12>', '<P_12>24</P_12>'))).toHaveLength(1);
  });

  it('caps the issues of one document at 200', () => {
    const line = VALID.slice(VALID.indexOf('<FaWiersz>'), VALID.indexOf('</FaWiersz>') + '</FaWiersz>'.length);
    const badLine = line.replace(/<P_11>[^<]*<\/P_11>/, '<P_11>abc</P_11>');
    const many = VALID.replace(line, Array.from({ length: 300 }, () => badLine).join(''));
    const issues = native.validate(many);
    expect(issues).toHaveLength(200);
    expect(issues.every((i) => i.path.endsWith('/P_11'))).toBe(true);
  });
});
