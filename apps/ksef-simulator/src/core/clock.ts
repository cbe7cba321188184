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
