import fc from 'fast-check';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeyVaultError } from './key-vault';
import { LocalKeyVault } from './local-key-vault';
import { SecretBox } from './secret-box';
import { formatSecretEnvelope, parseSecretEnvelope } from './secret-envelope';
import { SecretValue } from './secret-value';

const TENANT_A = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';
const TENANT_B = '0b4d2a77-1c3e-4f5a-8b9c-7d6e5f4a3b21';
const KSEF_TOKEN = '20251123-EC-2A1B3C4D5E-F6A7B8C9D0-AB|nip-5260250274|0123456789abcdef';

function newBox(masterByte = 1): SecretBox {
  return new SecretBox(LocalKeyVault.fromKey(Buffer.alloc(32, masterByte)));
}

describe('SecretBox', () => {
  it('round-trips any text or bytes for the same tenant', async () => {
    const box = newBox();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 2048 }), async (text, bytes) => {
        expect((await box.open(TENANT_A, await box.seal(TENANT_A, text))).revealString()).toBe(text);
        expect((await box.open(TENANT_A, await box.seal(TENANT_A, Buffer.from(bytes)))).reveal()).toEqual(
          Buffer.from(bytes),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('decrypts in another process with the same master key (new box, empty cache)', async () => {
    const envelope = await newBox(3).seal(TENANT_A, KSEF_TOKEN);
    expect((await newBox(3).open(TENANT_A, envelope)).revealString()).toBe(KSEF_TOKEN);
  });

  it('produces a self-describing envelope that never contains the secret', async () => {
    const box = newBox();
    const envelope = await box.seal(TENANT_A, KSEF_TOKEN);
    const parsed = parseSecretEnvelope(envelope);
    expect(parsed.version).toBe(1);
    expect(parsed.keyId).toMatch(/^local:[0-9a-f]{16}$/);
    expect(parsed.iv).toHaveLength(12);
    expect(parsed.tag).toHaveLength(16);
    expect(parsed.ciphertext).toHaveLength(Buffer.byteLength(KSEF_TOKEN));
    expect(envelope).not.toContain('nip-5260250274');
    // Two seals of one secret differ (fresh IV), so equal secrets cannot be spotted in the database.
    expect(await box.seal(TENANT_A, KSEF_TOKEN)).not.toBe(envelope);
  });

  it('refuses to decrypt for another tenant', async () => {
    const box = newBox();
    const envelope = await box.seal(TENANT_A, KSEF_TOKEN);
    const attempt = box.open(TENANT_B, envelope);
    await expect(attempt).rejects.toBeInstanceOf(KeyVaultError);
    await expect(attempt).rejects.toMatchObject({ code: 'DATA_KEY_UNWRAP_FAILED' });
    await expect(attempt).rejects.toThrow(/another tenant/);
  });

  it('refuses an envelope that was moved to another tenant with a data key of that tenant', async () => {
    // An attacker with database access swaps in tenant B's wrapped key: the ciphertext still does not open.
    const box = newBox();
    const fromA = parseSecretEnvelope(await box.seal(TENANT_A, KSEF_TOKEN));
    const fromB = parseSecretEnvelope(await box.seal(TENANT_B, 'other'));
    const spliced = formatSecretEnvelope({ ...fromA, wrappedKey: fromB.wrappedKey });
    await expect(box.open(TENANT_B, spliced)).rejects.toMatchObject({ code: 'SECRET_DECRYPT_FAILED' });
  });

  it('detects tampering with any part of the envelope', async () => {
    const box = newBox();
    const envelope = parseSecretEnvelope(await box.seal(TENANT_A, KSEF_TOKEN));
    const flip = (buffer: Buffer, index: number) => {
      const copy = Buffer.from(buffer);
      copy[index % copy.length]! ^= 0x01;
      return copy;
    };
    const tampered = [
      { ...envelope, keyId: `${envelope.keyId}0` },
      { ...envelope, wrappedKey: flip(envelope.wrappedKey, 20) },
      { ...envelope, iv: flip(envelope.iv, 3) },
      { ...envelope, tag: flip(envelope.tag, 9) },
      { ...envelope, ciphertext: flip(envelope.ciphertext, 5) },
      { ...envelope, ciphertext: envelope.ciphertext.subarray(1) },
    ];
    for (const candidate of tampered) {
      await expect(box.open(TENANT_A, formatSecretEnvelope(candidate))).rejects.toBeInstanceOf(KeyVaultError);
    }
  });

  it('names malformed envelopes and unknown versions without echoing them', async () => {
    const box = newBox();
    await expect(box.open(TENANT_A, 'super-secret-password')).rejects.toMatchObject({ code: 'ENVELOPE_MALFORMED' });
    await expect(box.open(TENANT_A, 'super-secret-password')).rejects.not.toThrow(/super-secret/);
    await expect(box.open(TENANT_A, 'v2.a.b.c.d.e')).rejects.toMatchObject({ code: 'ENVELOPE_UNSUPPORTED_VERSION' });
    await expect(box.open(TENANT_A, 'v1.a.b.c.d')).rejects.toMatchObject({ code: 'ENVELOPE_MALFORMED' });
    await expect(box.open(TENANT_A, 'v1.a.b.c+.d.e')).rejects.toMatchObject({ code: 'ENVELOPE_MALFORMED' });
  });

  it('keeps secrets out of errors, JSON, toString and inspect', async () => {
    const box = newBox();
    const envelope = await box.seal(TENANT_A, KSEF_TOKEN);
    const opened = await box.open(TENANT_A, envelope);
    const error = await box.open(TENANT_B, envelope).then(
      () => new Error('expected a rejection'),
      (caught: unknown) => caught as Error,
    );
    const renderings = [
      JSON.stringify({ opened, box }),
      String(opened),
      `${opened.toString()}`,
      String([opened]),
      inspect({ opened, box }, { depth: 10 }),
      error.message,
      String(error),
      inspect(error, { depth: 10 }),
    ];
    for (const text of renderings) expect(text).not.toContain('nip-5260250274');
    expect(JSON.stringify({ opened })).toBe('{"opened":"[redacted]"}');
    expect(opened.revealString()).toBe(KSEF_TOKEN);
    expect(opened.byteLength).toBe(Buffer.byteLength(KSEF_TOKEN));
  });

  it('accepts a SecretValue as input, so a decrypted secret can be re-sealed without revealing it', async () => {
    const box = newBox();
    const value = new SecretValue(KSEF_TOKEN);
    expect((await box.open(TENANT_B, await box.seal(TENANT_B, value))).revealString()).toBe(KSEF_TOKEN);
  });
});
