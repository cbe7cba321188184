import { describe, expect, it } from 'vitest';
import { ScaledClock } from './clock';

describe('ScaledClock', () => {
  it('starts where it is told and runs N times faster; sleeping N simulated ms takes 1 real ms', async () => {
    const clock = new ScaledClock(1000, 5_000_000);
    expect(clock.now()).toBeGreaterThanOrEqual(5_000_000);
    const wall = Date.now();
    const simulated = clock.now();
    await clock.sleep(60_000); // one simulated minute = 60 real ms
    const wallElapsed = Date.now() - wall;
    const simElapsed = clock.now() - simulated;
    expect(wallElapsed).toBeGreaterThanOrEqual(55);
    expect(simElapsed).toBeGreaterThanOrEqual(60_000 * 0.9);
    // Whatever the machine's load, the two clocks keep the ratio.
    expect(simElapsed / Math.max(1, wallElapsed)).toBeGreaterThan(500);
    expect(simElapsed / Math.max(1, wallElapsed)).toBeLessThan(1500);
  });

  it('refuses a scale that is not a positive number', () => {
    expect(() => new ScaledClock(0)).toThrow(/Skala czasu/);
    expect(() => new ScaledClock(Number.NaN)).toThrow(/Skala czasu/);
  });
});
