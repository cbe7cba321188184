declare const brand: unique symbol;

/** A full object key inside a tenant's area: `tenants/{tenantId}/...`. Only objectKey() makes one. */
export type ObjectKey = string & { readonly [brand]: 'ObjectKey' };
/** A key prefix inside a tenant's area, ending with "/". Only objectKeyPrefix() makes one. */
export type ObjectKeyPrefix = string & { readonly [brand]: 'ObjectKeyPrefix' };

export class ObjectKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObjectKeyError';
  }
}

const ROOT = 'tenants';
const TENANT_ID = /^[A-Za-z0-9_-]{1,128}$/;
// S3 limits keys to 1024 bytes of UTF-8.
const MAX_KEY_BYTES = 1024;

/**
 * The one way to name a stored object: every key starts with the tenant, so a listing or a lifecycle rule
 * on `tenants/{tenantId}/` covers exactly one tenant's documents.
 */
export function objectKey(tenantId: string, ...path: [string, ...string[]]): ObjectKey {
  if (path.length === 0) throw new ObjectKeyError('object key needs at least one path segment after the tenant');
  return build(tenantId, path, '') as ObjectKey;
}

/** A prefix for list(); `objectKeyPrefix(tenantId)` covers all of the tenant's objects. */
export function objectKeyPrefix(tenantId: string, ...path: string[]): ObjectKeyPrefix {
  return build(tenantId, path, '/') as ObjectKeyPrefix;
}

/** The tenant a key belongs to, or undefined when the key is not in a tenant's area. */
export function tenantOfObjectKey(key: string): string | undefined {
  const [root, tenantId] = key.split('/');
  return root === ROOT && tenantId !== undefined && TENANT_ID.test(tenantId) ? tenantId : undefined;
}

function build(tenantId: string, path: string[], suffix: string): string {
  if (!TENANT_ID.test(tenantId)) {
    throw new ObjectKeyError('tenantId must be 1-128 characters of A-Z, a-z, 0-9, "_" or "-"');
  }
  path.forEach(assertSegment);
  const key = [ROOT, tenantId, ...path].join('/') + suffix;
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw new ObjectKeyError(`object key exceeds ${MAX_KEY_BYTES} bytes`);
  return key;
}

function assertSegment(segment: string, index: number): void {
  // A "/" inside a segment, "." or ".." could climb out of the tenant's area in tools that normalise paths.
  const hasControl = [...segment].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
  if (segment === '' || segment === '.' || segment === '..' || segment.includes('/') || hasControl) {
    throw new ObjectKeyError(
      `object key segment ${index + 1} must be non-empty, not "." or "..", and contain no "/" or control characters`,
    );
  }
}
