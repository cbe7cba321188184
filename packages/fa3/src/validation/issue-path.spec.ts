import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warsawDate } from './issue-path';

const reference = (now: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

describe('warsawDate', () => {
  it('agrees with a fresh formatter at any moment, in any order of calls (the per-hour cache is invisible)', () => {
    const moment = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2040-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(fc.array(moment, { minLength: 1, maxLength: 20 }), (moments) => {
        for (const now of moments) expect(warsawDate(now)).toBe(reference(now));
      }),
    );
  });

  it('turns the day at Polish midnight in winter and in summer', () => {
    expect([warsawDate(new Date('2026-01-14T22:59:59Z')), warsawDate(new Date('2026-01-14T23:00:00Z'))]).toEqual([
      '2026-01-14',
      '2026-01-15',
    ]);
    expect([warsawDate(new Date('2026-07-14T21:59:59Z')), warsawDate(new Date('2026-07-14T22:00:00Z'))]).toEqual([
      '2026-07-14',
      '2026-07-15',
    ]);
  });
});
