import { spawnSync } from 'node:child_process';
import { constants, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importKse } from '../kse';
import { pdfText } from '../pdf/pdf-test-helpers';
import { buildInvoice } from '../xml';
import { runCli } from './cli-program';

const PACKAGE = resolve(__dirname, '../..');
const MAIN = resolve(__dirname, 'main.ts');
const KSE = resolve(PACKAGE, 'test-fixtures/kse');
const KSEF_NUMBER = '7740001454-20260302-0100001AF629-FE';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in a child process (TypeScript source through tsx), as a user would: exit codes included. */
function spawnFa3(...args: string[]): Run {
  const run = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: PACKAGE, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same program in-process (what main.ts calls), for the many cases where a process per case is too slow. */
async function fa3(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'fa3', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const SPAWN_TIMEOUT = 120_000;

let dir: string;
let validXml: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fa3-cli-'));
  const result = importKse(readFileSync(join(KSE, 'reczny.mazovia.KSE')), {
    createdAt: new Date('2026-03-02T12:00:00Z'),
  });
  if (!result.ok) throw new Error('fixture');
  validXml = join(dir, 'valid.xml');
  writeFileSync(validXml, buildInvoice(result.invoice));
});

describe('fa3 validate', () => {
  it('exits 0 for a valid invoice (real process)', { timeout: SPAWN_TIMEOUT }, () => {
    const run = spawnFa3('validate', validXml);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('jest poprawna');
  });

  it(
    'exits 1 and lists the errors on stderr (JSON with --json, real process)',
    { timeout: SPAWN_TIMEOUT },
    async () => {
      const broken = join(dir, 'broken.xml');
      writeFileSync(broken, readFileSync(validXml, 'utf8').replace('<NIP>7740001454</NIP>', '<NIP>774000145</NIP>'));
      const text = await fa3('validate', broken);
      expect(text.code).toBe(1);
      expect(text.stdout).toBe('');
      expect(text.stderr).toContain('jest niepoprawna');
      expect(text.stderr).toContain('Faktura/Podmiot1/DaneIdentyfikacyjne/NIP');
      const json = spawnFa3('validate', broken, '--json');
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stderr) as {
        valid: boolean;
        issues: { path: string; severity: string; layer: string }[];
      };
      expect(report.valid).toBe(false);
      expect(report.issues).toContainEqual(
        expect.objectContaining({ path: 'Faktura/Podmiot1/DaneIdentyfikacyjne/NIP', severity: 'error', layer: 'xsd' }),
      );
    },
  );

  it('exits 0 when there are only warnings', async () => {
    const warned = join(dir, 'warned.xml');
    writeFileSync(warned, readFileSync(validXml, 'utf8').replace('<P_15>123.00</P_15>', '<P_15>124.00</P_15>'));
    const run = await fa3('--json', 'validate', warned);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { valid: boolean; issues: { severity: string }[] };
    expect(report.valid).toBe(true);
    expect(report.issues.length).toBeGreaterThan(0);
    expect(report.issues.every((issue) => issue.severity === 'warning')).toBe(true);
  });
});

describe('fa3 from-kse / from-json', () => {
  it('converts a Mazovia KSE file to FA(3) XML on stdout', async () => {
    const run = await fa3('from-kse', join(KSE, 'reczny.mazovia.KSE'), '--encoding', 'mazovia');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<P_7>Bukiet żółtych róż</P_7>');
    expect(run.stdout).toContain('<Nazwa>Pracownia Złota Róża</Nazwa>');
  });

  it('names the line of a malformed KSE file and exits 1', async () => {
    const bad = join(dir, 'bad.KSE');
    writeFileSync(
      bad,
      readFileSync(join(KSE, 'reczny.mazovia.KSE')).toString('latin1').replace('2026.03.02', '2026.3.2'),
      'latin1',
    );
    const run = await fa3('--json', 'from-kse', bad);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stderr) as {
      encoding: string;
      issues: { line: number; code: string; message: string }[];
    };
    expect(report.encoding).toBe('mazovia');
    expect(report.issues).toEqual([
      {
        line: 9,
        code: 'KSE_BAD_DATE',
        message: 'Wiersz 9: nieprawidłowa data „data wystawienia”: „2026.3.2” (oczekiwano RRRR.MM.DD)',
      },
    ]);
  });

  it('builds FA(3) from JSON into a file, and reports bad JSON input with paths', async () => {
    const input = join(dir, 'input.json');
    writeFileSync(
      input,
      JSON.stringify({
        number: 'PAR/2026/001',
        issueDate: '2026-01-20',
        seller: { nip: '5265877635', name: 'Sklep Żółw', address: { line1: 'ul. Długa 1', line2: '30-001 Kraków' } },
        buyer: { nip: '7740001454', name: 'Nabywca Sp. z o.o.' },
        lines: [{ name: 'Chleb żytni', unit: 'szt.', quantity: '2', unitPrice: '4.99', vatRate: '5' }],
      }),
    );
    const out = join(dir, 'from-json.xml');
    expect((await fa3('from-json', input, '-o', out)).code).toBe(0);
    expect((await fa3('validate', out)).code).toBe(0);
    writeFileSync(input, JSON.stringify({ number: 'X', lines: [] }));
    const bad = await fa3('--json', 'from-json', input);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stderr) as { issues: { path: string }[] };
    expect(report.issues.map((issue) => issue.path)).toContain('issueDate');
  });
});

describe('fa3 pdf / qr / ksef-number', () => {
  it('writes a PDF with the KSeF number and the Polish names (real process)', { timeout: SPAWN_TIMEOUT }, () => {
    const out = join(dir, 'invoice.pdf');
    const run = spawnFa3('pdf', validXml, '-o', out, '--ksef-number', KSEF_NUMBER, '--env', 'TEST');
    expect(run.code).toBe(0);
    const text = pdfText(readFileSync(out));
    expect(text).toContain('Pracownia Złota Róża');
    expect(text).toContain('Bukiet żółtych róż');
    expect(text).toContain('123,00 PLN');
    expect(text).toContain(KSEF_NUMBER);
  });

  it('refuses a PDF without -o (usage, exit 2)', async () => {
    const run = await fa3('pdf', validXml);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--output');
  });

  it('prints KOD I and a KOD II signed with an EC key, and writes the images', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = join(dir, 'offline.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const png = join(dir, 'kod1.png');
    const svg = join(dir, 'kod2.svg');
    const run = await fa3(
      '--json', 'qr', validXml, '--nip', '7740001454', '--env', 'DEMO', '--key', keyFile,
      '--cert-serial', '01F20A5D352AE590', '--image', png, '--image2', svg,
    ); // prettier-ignore
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      codeI: { link: string; caption: string };
      codeII: { link: string; caption: string };
    };
    expect(result.codeI.link).toMatch(
      /^https:\/\/qr-demo\.ksef\.mf\.gov\.pl\/invoice\/7740001454\/02-03-2026\/[\w-]{43}$/,
    );
    expect(result.codeI.caption).toBe('OFFLINE');
    expect(result.codeII.caption).toBe('CERTYFIKAT');
    const signature = result.codeII.link.split('/').pop()!;
    const signed = result.codeII.link.replace('https://', '').replace(`/${signature}`, '');
    const key = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(
      verify('sha256', Buffer.from(signed), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(svg, 'utf8')).toContain('>CERTYFIKAT</text>');
  });

  it('signs KOD II with RSA-PSS when given an RSA key', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'offline-rsa.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const run = await fa3('--json', 'qr', validXml, '--key', keyFile, '--cert-serial', 'ABCDEF');
    const { codeII } = JSON.parse(run.stdout) as { codeII: { link: string } };
    const signature = codeII.link.split('/').pop()!;
    const signed = codeII.link.replace('https://', '').replace(`/${signature}`, '');
    expect(signed.startsWith('qr.ksef.mf.gov.pl/certificate/Nip/7740001454/7740001454/ABCDEF/')).toBe(true);
    const pss = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', Buffer.from(signed), pss, Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('checks KSeF numbers: 0 when valid, 1 with the reason when not', async () => {
    const valid = await fa3('--json', 'ksef-number', '5265877635-20250826-0100001AF629-AF');
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ valid: true, nip: '5265877635', date: '2025-08-26' });
    const invalid = await fa3('ksef-number', '5265877635-20250826-0100001AF629-AE');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('suma kontrolna AE nie zgadza się (powinna być AF)');
  });

  it('exits 2 for an unknown command or a missing file', { timeout: SPAWN_TIMEOUT }, async () => {
    expect(spawnFa3('frob').code).toBe(2);
    const missing = await fa3('validate', join(dir, 'nope.xml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Nie można odczytać pliku');
    expect(existsSync(join(dir, 'nope.xml'))).toBe(false);
  });
});
