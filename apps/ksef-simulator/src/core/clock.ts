/** The simulator's notion of "now": real time plus an offset that tests and `/sim/clock` can move. */
export interface Clock {
  now(): number;
}

export class SimClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  setTo(epochMs: number): void {
    this.offsetMs = epochMs - this.source();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * A time source running `scale` times faster than real time from `start` on, for benchmarks that must cover
 * hours of KSeF time (rate-limit windows, Retry-After, processing delays) in minutes.
 */
export function scaledTimeSource(scale: number, start: number = Date.now()): () => number {
  const origin = performance.now();
  return () => start + Math.floor((performance.now() - origin) * scale);
}
