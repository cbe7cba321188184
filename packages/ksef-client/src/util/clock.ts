/** Time source; injected so limiter and polling logic can be tested with a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** Deterministic clock for tests: `sleep` advances time instantly. */
export class FakeClock implements Clock {
  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    this.current += Math.max(0, ms);
    return Promise.resolve();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * A clock running `scale` times faster than real time from `startMs` on: for a simulator started with the same
 * `timeScale` (benchmarks covering hours of KSeF limits in minutes). Start it from the simulator's `GET /sim/clock`.
 */
export class ScaledClock implements Clock {
  private readonly origin = performance.now();

  constructor(
    readonly scale: number,
    private readonly startMs: number = Date.now(),
  ) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`Skala czasu musi być dodatnia (jest ${scale})`);
  }

  now(): number {
    return this.startMs + (performance.now() - this.origin) * this.scale;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / this.scale));
  }
}
