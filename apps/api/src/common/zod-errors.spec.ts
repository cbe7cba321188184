import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldPath, zodFieldErrors } from './zod-errors';

describe('zod errors as field errors', () => {
  it('writes paths the way people read them', () => {
    expect(fieldPath([])).toBe('(body)');
    expect(fieldPath(['lines', 0, 'vatRate'])).toBe('lines[0].vatRate');
    expect(fieldPath(['owner', 'email'])).toBe('owner.email');
  });

  it('names each unknown field at its own path', () => {
    const schema = z.strictObject({ name: z.string(), owner: z.strictObject({ email: z.string() }) });
    const result = schema.safeParse({ name: 'x', nip: '1', owner: { email: 'a', role: 'owner' } });
    expect(result.success).toBe(false);
    const paths = zodFieldErrors(result.error!).map((error) => error.path);
    expect(paths.sort()).toEqual(['nip', 'owner.role']);
  });
});
