import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObjectKeyError, objectKey, objectKeyPrefix, tenantOfObjectKey } from './object-key';

const TENANT = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';

describe('objectKey', () => {
  it('always starts with the tenant', () => {
    expect(objectKey(TENANT, 'invoices', 'abc', 'fa3.xml')).toBe(`tenants/${TENANT}/invoices/abc/fa3.xml`);
    expect(objectKeyPrefix(TENANT)).toBe(`tenants/${TENANT}/`);
    expect(objectKeyPrefix(TENANT, 'invoices')).toBe(`tenants/${TENANT}/invoices/`);
  });

  it('keeps every generated key inside its tenant area', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 5 }), (segments) => {
        let key: string;
        try {
          key = objectKey(TENANT, ...(segments as [string, ...string[]]));
        } catch (error) {
          expect(error).toBeInstanceOf(ObjectKeyError);
          return;
        }
        expect(key.startsWith(`tenants/${TENANT}/`)).toBe(true);
        expect(tenantOfObjectKey(key)).toBe(TENANT);
        expect(key.split('/').slice(2)).toEqual(segments);
      }),
    );
  });

  it.each([[''], ['a/b'], ['..'], ['.'], ['tab\there']])('rejects the segment %j', (segment) => {
    expect(() => objectKey(TENANT, 'invoices', segment)).toThrow(ObjectKeyError);
  });

  it('rejects a malformed tenant id and keys over 1024 bytes', () => {
    expect(() => objectKey('', 'x')).toThrow(/tenantId/);
    expect(() => objectKey('../other', 'x')).toThrow(/tenantId/);
    expect(() => objectKey(TENANT, 'ą'.repeat(500))).toThrow(/1024 bytes/);
  });

  it('finds the tenant of a key only inside the tenants area', () => {
    expect(tenantOfObjectKey('tenants/abc/x')).toBe('abc');
    expect(tenantOfObjectKey('other/abc/x')).toBeUndefined();
  });
});
