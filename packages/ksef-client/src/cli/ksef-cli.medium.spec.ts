import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../crypto/certificate-tools';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { runCli } from './ksef-cli';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.close();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), interactive: false }, out, err };
}

describe('ksef CLI against the simulator', () => {
  it('test-login with a certificate prints the session as JSON without the token', async () => {
    const nip = randomNip();
    const cert = await createSelfSignedCertificate(
      { organizationName: 'CLI', organizationIdentifier: `VATPL-${nip}`, commonName: 'CLI', countryName: 'PL' },
      'ec',
    );
    const dir = mkdtempSync(join(tmpdir(), 'ksef-cli-'));
    writeFileSync(join(dir, 'c.pem'), cert.certificatePem);
    writeFileSync(join(dir, 'k.pem'), cert.privateKeyPem);
    const { io, out, err } = capture();
    const code = await runCli(
      [
        '--env',
        sim.apiUrl,
        '--context',
        nip,
        '--cert',
        join(dir, 'c.pem'),
        '--key',
        join(dir, 'k.pem'),
        '--json',
        'test-login',
      ],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('\n')) as {
      context: { value: string };
      referenceNumber: string;
      accessToken: string;
    };
    expect(printed.context.value).toBe(nip);
    expect(printed.referenceNumber).toMatch(/^\d{8}-AU-/);
    expect(printed.accessToken).toMatch(/…/);
  });

  it('exits 1 with a typed, Polish error for a wrong KSeF token and never echoes it', async () => {
    const { io, err } = capture();
    const secret = 'not-a-real-token-secret-value';
    const code = await runCli(['--env', sim.apiUrl, '--context', randomNip(), '--token', secret, 'test-login'], io);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/KsefAuthError|Ksef\w+Error/);
    expect(err.join('\n')).not.toContain(secret);
  });
});
