import type { ObjectKey, ObjectKeyPrefix } from './object-key';

export interface PutObjectOptions {
  contentType?: string;
  /** User metadata; S3 carries it in headers, so keys and values must be printable ASCII. */
  metadata?: Record<string, string>;
}

export interface StoredObjectInfo {
  key: ObjectKey;
  size: number;
  etag: string | undefined;
  lastModified: Date | undefined;
}

export interface StoredObjectHead extends StoredObjectInfo {
  contentType: string | undefined;
  metadata: Record<string, string>;
}

export interface StoredObject extends StoredObjectHead {
  body: Buffer;
}

export interface PresignGetOptions {
  /** Default 300 seconds. */
  expiresInSeconds?: number;
  /** Makes the browser download the object under this name (Content-Disposition: attachment). */
  downloadFileName?: string;
}

/** Documents of tenants (invoice XML, PDFs, UPO) in an S3-compatible store. Keys come from objectKey(). */
export interface ObjectStore {
  readonly bucket: string;
  put(
    key: ObjectKey,
    body: Buffer | Uint8Array | string,
    options?: PutObjectOptions,
  ): Promise<{ etag: string | undefined }>;
  /** The object with its body; ObjectStoreError NOT_FOUND when absent. */
  get(key: ObjectKey): Promise<StoredObject>;
  /** The object's metadata, or undefined when it does not exist. */
  head(key: ObjectKey): Promise<StoredObjectHead | undefined>;
  /** Deletes the object; deleting an absent object succeeds. */
  delete(key: ObjectKey): Promise<void>;
  /** Every object under the prefix, following pagination. */
  list(prefix: ObjectKeyPrefix): Promise<StoredObjectInfo[]>;
  /** A time-limited URL a browser can GET without credentials. */
  presignGetUrl(key: ObjectKey, options?: PresignGetOptions): Promise<string>;
  /** Creates the bucket when it does not exist (development, tests, first start). */
  ensureBucket(): Promise<void>;
  /** Readiness: resolves when the bucket is reachable, rejects with ObjectStoreError otherwise. */
  ping(): Promise<void>;
  close(): void;
}

export type ObjectStoreErrorCode =
  'NOT_FOUND' | 'UNAVAILABLE' | 'BUCKET_MISSING' | 'INVALID_METADATA' | 'REQUEST_FAILED';

export class ObjectStoreError extends Error {
  constructor(
    readonly code: ObjectStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ObjectStoreError';
  }
}
