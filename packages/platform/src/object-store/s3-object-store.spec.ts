import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3, type LocalS3 } from '../dev/local-s3';
import { objectKey, objectKeyPrefix } from './object-key';
import { ObjectStoreError } from './object-store';
import { S3ObjectStore } from './s3-object-store';

const TENANT_A = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';
const TENANT_B = '0b4d2a77-1c3e-4f5a-8b9c-7d6e5f4a3b21';

describe('S3ObjectStore against s3rver', () => {
  let dir: string;
  let s3: LocalS3;
  let store: S3ObjectStore;
  const storeFor = (bucket: string) =>
    new S3ObjectStore({
      bucket,
      listPageSize: 7,
      region: 'eu-central-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bufor-s3-'));
    s3 = await startLocalS3({ port: 0, directory: dir, bucket: 'bufor-test' });
    store = storeFor('bufor-test');
  });
  afterAll(async () => {
    store.close();
    await s3.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts, heads, gets and deletes an object with its content type and metadata', async () => {
    const key = objectKey(TENANT_A, 'invoices', 'inv-1', 'fa3.xml');
    const xml = '<?xml version="1.0"?><Faktura>Zażółć gęślą jaźń</Faktura>';
    const { etag } = await store.put(key, xml, { contentType: 'application/xml', metadata: { 'invoice-id': 'inv-1' } });
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const head = await store.head(key);
    expect(head).toMatchObject({ key, size: Buffer.byteLength(xml), contentType: 'application/xml', etag });
    expect(head?.metadata).toEqual({ 'invoice-id': 'inv-1' });

    const object = await store.get(key);
    expect(object.body.toString('utf8')).toBe(xml);
    expect(object.metadata).toEqual({ 'invoice-id': 'inv-1' });

    await store.delete(key);
    expect(await store.head(key)).toBeUndefined();
    await expect(store.get(key)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(key) });
    // Deleting again is not an error: cleanup jobs may run twice.
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('stores binary bodies byte for byte', async () => {
    const key = objectKey(TENANT_A, 'pdf', 'binary.pdf');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, index) => (index * 31) % 256));
    await store.put(key, bytes, { contentType: 'application/pdf' });
    expect((await store.get(key)).body.equals(bytes)).toBe(true);
  });

  it("lists by prefix within one tenant's area, across pages", async () => {
    // 7 keys per page (set above): 30 keys make 5 pages, the last one partial.
    const keys = Array.from({ length: 30 }, (_, index) =>
      objectKey(TENANT_B, 'bulk', `doc-${String(index).padStart(2, '0')}`),
    );
    await Promise.all(keys.map((key) => store.put(key, 'x')));
    await store.put(objectKey(TENANT_B, 'other', 'doc'), 'y');
    await store.put(objectKey(TENANT_A, 'bulk', 'doc-0000'), 'z');

    const listed = await store.list(objectKeyPrefix(TENANT_B, 'bulk'));
    expect(listed.map((item) => item.key).sort()).toEqual([...keys].sort());
    expect(listed[0]?.size).toBe(1);
    expect((await store.list(objectKeyPrefix(TENANT_B))).length).toBe(31);
  });

  it('presigns a GET URL that works without credentials and names the download', async () => {
    const key = objectKey(TENANT_A, 'pdf', 'inv-2.pdf');
    await store.put(key, '%PDF-1.7 test', { contentType: 'application/pdf' });
    const url = await store.presignGetUrl(key, { expiresInSeconds: 60, downloadFileName: 'faktura łódź.pdf' });
    expect(url.startsWith(`${s3.endpoint}/bufor-test/tenants/${TENANT_A}/pdf/inv-2.pdf?`)).toBe(true);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('%PDF-1.7 test');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''faktura%20%C5%82%C3%B3d%C5%BA.pdf");

    // s3rver checks the access key of a SigV4 URL but not the signature itself, so only its shape is checked here.
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(query.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/eu-central-1\/s3\/aws4_request$/);
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(query.get('response-content-disposition')).toMatch(/^attachment; filename="faktura lodz.pdf"/);
  });

  it('creates a missing bucket once and reports readiness through ping()', async () => {
    const fresh = storeFor('bufor-fresh');
    try {
      await expect(fresh.ping()).rejects.toMatchObject({ code: 'BUCKET_MISSING' });
      await fresh.ensureBucket();
      await fresh.ensureBucket();
      await expect(fresh.ping()).resolves.toBeUndefined();
    } finally {
      fresh.close();
    }
  });

  it('reports an unreachable store as UNAVAILABLE', async () => {
    const down = new S3ObjectStore({
      bucket: 'bufor-test',
      region: 'eu-central-1',
      endpoint: 'http://127.0.0.1:1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      const attempt = down.ping();
      await expect(attempt).rejects.toBeInstanceOf(ObjectStoreError);
      await expect(attempt).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      down.close();
    }
  });

  it('rejects metadata that S3 cannot carry', async () => {
    const key = objectKey(TENANT_A, 'meta');
    await expect(store.put(key, 'x', { metadata: { nazwa: 'Łódź' } })).rejects.toMatchObject({
      code: 'INVALID_METADATA',
    });
  });
});
