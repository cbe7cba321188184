import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnvironment } from '../environment/ksef-environment';
import { KsefValidationError } from '../http/ksef-errors';
import { KsefHttpClient } from '../http/ksef-http.client';
import { createSelfSignedCertificate } from './certificate-tools';
import { PublicKeyService } from './public-key.service';

// A stand-in KSeF that rotates its key after the first list download (emergency rotation).
let server: Server;
let base: string;
let listCalls = 0;
const usedKeyIds: string[] = [];

beforeAll(async () => {
  const [oldCert, newCert] = await Promise.all([
    createSelfSignedCertificate({ commonName: 'Ministerstwo Finansów', countryName: 'PL' }, 'rsa'),
    createSelfSignedCertificate({ commonName: 'Ministerstwo Finansów', countryName: 'PL' }, 'rsa'),
  ]);
  const entry = (der: Buffer, id: string) => ({
    certificate: der.toString('base64'),
    certificateId: id,
    publicKeyId: id,
    validFrom: '2020-01-01T00:00:00Z',
    validTo: '2099-01-01T00:00:00Z',
    usage: ['SymmetricKeyEncryption'],
    someFutureField: true,
  });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url?.endsWith('/security/public-key-certificates')) {
        listCalls++;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify([
            listCalls === 1 ? entry(oldCert.certificateDer, 'old') : entry(newCert.certificateDer, 'new'),
          ]),
        );
        return;
      }
      const { publicKeyId } = JSON.parse(body) as { publicKeyId: string };
      usedKeyIds.push(publicKeyId);
      if (publicKeyId === 'old') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            exception: { exceptionDetailList: [{ exceptionCode: 21470, exceptionDescription: 'Nieznany klucz' }] },
          }),
        );
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"referenceNumber":"x"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('PublicKeyService', () => {
  it('refetches the key list and retries once on 21470, then caches', async () => {
    const http = new KsefHttpClient({ environment: simulatorEnvironment(base) });
    const keys = new PublicKeyService(http);
    const call = () =>
      keys.withKey('SymmetricKeyEncryption', (k) =>
        http.request({ method: 'POST', path: '/sessions/online', json: { publicKeyId: k.publicKeyId }, context: 'c' }),
      );
    await call();
    expect(usedKeyIds).toEqual(['old', 'new']);
    expect(listCalls).toBe(2);
    await call();
    expect(listCalls).toBe(2);
    // A second 21470 with the fresh list is not retried again.
    listCalls = 0;
    keys.invalidate();
    const err = await keys
      .withKey('SymmetricKeyEncryption', () =>
        http.request({ method: 'POST', path: '/sessions/online', json: { publicKeyId: 'old' }, context: 'c' }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefValidationError);
    expect(listCalls).toBe(2);
  });
});
