import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type BucketLocationConstraint,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { inspect } from 'node:util';
import type { ObjectKey, ObjectKeyPrefix } from './object-key';
import {
  type ObjectStore,
  ObjectStoreError,
  type PresignGetOptions,
  type PutObjectOptions,
  type StoredObject,
  type StoredObjectHead,
  type StoredObjectInfo,
} from './object-store';

export interface S3ObjectStoreOptions {
  bucket: string;
  region: string;
  /** Custom endpoint (s3rver, MinIO); the regional AWS endpoint otherwise. */
  endpoint?: string | undefined;
  /** Endpoint as browsers reach it, when it differs from `endpoint` (e.g. inside Docker); used for presigned URLs. */
  publicEndpoint?: string | undefined;
  forcePathStyle: boolean;
  /** Static credentials; without them the SDK's default chain applies. */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Keys per ListObjects page (S3 caps it at 1000, the default). */
  listPageSize?: number;
  /** How long ping() waits before reporting the store unavailable. Default 2000 ms. */
  pingTimeoutMs?: number;
}

export class S3ObjectStore implements ObjectStore {
  readonly bucket: string;
  private readonly client: S3Client;
  private readonly presignClient: S3Client;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client(clientConfig(options, options.endpoint));
    this.presignClient = options.publicEndpoint
      ? new S3Client(clientConfig(options, options.publicEndpoint))
      : this.client;
  }

  async put(
    key: ObjectKey,
    body: Buffer | Uint8Array | string,
    options: PutObjectOptions = {},
  ): Promise<{ etag: string | undefined }> {
    assertMetadata(options.metadata);
    const output = await this.call('PutObject', key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          Metadata: options.metadata,
        }),
      ),
    );
    return { etag: output.ETag };
  }

  async get(key: ObjectKey): Promise<StoredObject> {
    const output = await this.call('GetObject', key, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
    );
    if (!output.Body) throw new ObjectStoreError('REQUEST_FAILED', `GetObject ${key} returned no body`);
    const body = Buffer.from(await output.Body.transformToByteArray());
    return {
      key,
      body,
      size: body.length,
      etag: output.ETag,
      lastModified: output.LastModified,
      contentType: output.ContentType,
      metadata: output.Metadata ?? {},
    };
  }

  async head(key: ObjectKey): Promise<StoredObjectHead | undefined> {
    try {
      const output = await this.call('HeadObject', key, () =>
        this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return {
        key,
        size: output.ContentLength ?? 0,
        etag: output.ETag,
        lastModified: output.LastModified,
        contentType: output.ContentType,
        metadata: output.Metadata ?? {},
      };
    } catch (error) {
      if (error instanceof ObjectStoreError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  async delete(key: ObjectKey): Promise<void> {
    await this.call('DeleteObject', key, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }

  // ListObjects (v1) with marker paging rather than v2: s3rver encrypts v2 continuation tokens with DES, which
  // OpenSSL 3 (Node 17+) refuses, while v1 paging works the same on S3, MinIO and s3rver.
  async list(prefix: ObjectKeyPrefix): Promise<StoredObjectInfo[]> {
    const objects: StoredObjectInfo[] = [];
    let marker: string | undefined;
    for (;;) {
      const output = await this.call('ListObjects', prefix, () =>
        this.client.send(
          new ListObjectsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            Marker: marker,
            MaxKeys: this.options.listPageSize ?? 1000,
          }),
        ),
      );
      const contents = output.Contents ?? [];
      for (const item of contents) {
        if (item.Key === undefined) continue;
        objects.push({
          key: item.Key as ObjectKey,
          size: item.Size ?? 0,
          etag: item.ETag,
          lastModified: item.LastModified,
        });
      }
      // Without a delimiter S3 sends no NextMarker: the last key of the page is the marker.
      const last = contents.at(-1)?.Key;
      if (!output.IsTruncated || last === undefined) return objects;
      marker = output.NextMarker ?? last;
    }
  }

  presignGetUrl(key: ObjectKey, options: PresignGetOptions = {}): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition:
        options.downloadFileName === undefined ? undefined : attachmentDisposition(options.downloadFileName),
    });
    return getSignedUrl(this.presignClient, command, { expiresIn: options.expiresInSeconds ?? 300 });
  }

  async ensureBucket(): Promise<void> {
    if (await this.bucketExists()) return;
    try {
      await this.client.send(
        new CreateBucketCommand({
          Bucket: this.bucket,
          // Outside us-east-1, AWS requires the region to be stated when creating a bucket.
          CreateBucketConfiguration:
            this.options.region === 'us-east-1'
              ? undefined
              : { LocationConstraint: this.options.region as BucketLocationConstraint },
        }),
      );
    } catch (error) {
      // Another process (API and worker start together) may have created it in the meantime.
      if (error instanceof Error && ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(error.name)) return;
      throw new ObjectStoreError('REQUEST_FAILED', `could not create bucket ${this.bucket}: ${describe(error)}`, {
        cause: error,
      });
    }
  }

  async ping(): Promise<void> {
    const exists = await this.bucketExists(AbortSignal.timeout(this.options.pingTimeoutMs ?? 2000));
    if (!exists) throw new ObjectStoreError('BUCKET_MISSING', `bucket ${this.bucket} does not exist`);
  }

  close(): void {
    this.client.destroy();
    if (this.presignClient !== this.client) this.presignClient.destroy();
  }

  toJSON(): Record<string, string | undefined> {
    return { bucket: this.bucket, endpoint: this.options.endpoint, region: this.options.region };
  }

  [inspect.custom](): string {
    return `S3ObjectStore(${this.bucket})`;
  }

  private async bucketExists(abortSignal?: AbortSignal): Promise<boolean> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw new ObjectStoreError('UNAVAILABLE', `object store is unreachable: ${describe(error)}`, { cause: error });
    }
  }

  private async call<T>(operation: string, key: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 && (error as Error).name !== 'NoSuchBucket') {
        throw new ObjectStoreError('NOT_FOUND', `object ${key} does not exist`, { cause: error });
      }
      const code = status === undefined || status >= 500 ? 'UNAVAILABLE' : 'REQUEST_FAILED';
      throw new ObjectStoreError(code, `${operation} ${key} failed: ${describe(error)}`, { cause: error });
    }
  }
}

function clientConfig(options: S3ObjectStoreOptions, endpoint: string | undefined): S3ClientConfig {
  return {
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Checksums only where S3 requires them: S3-compatible servers (s3rver, older MinIO) reject the newer
    // default checksum headers, and S3 itself verifies Content-MD5/ETag integrity either way.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  return metadata?.httpStatusCode;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const status = statusOf(error);
  return status === undefined ? `${error.name}: ${error.message}` : `${error.name} (HTTP ${status})`;
}

function assertMetadata(metadata: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (!/^[A-Za-z0-9_-]+$/.test(key) || !/^[\x20-\x7e]*$/.test(value)) {
      throw new ObjectStoreError(
        'INVALID_METADATA',
        `metadata "${key}" must have a token key and a printable ASCII value`,
      );
    }
  }
}

/** Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987), e.g. for "faktura-łódź.pdf". */
function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
