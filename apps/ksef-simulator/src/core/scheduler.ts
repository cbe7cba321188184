/**
 * Runs the simulator's asynchronous work (invoice processing, UPO generation) on real timers, and cancels
 * everything pending on close so tests and restarts leave no stray callbacks.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `timeScale`: delays are simulated milliseconds; with a faster clock they pass that much sooner. */
  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly timeScale = 1,
  ) {}

  run(delayMs: number, task: () => void | Promise<void>): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        Promise.resolve()
          .then(task)
          .catch((error: unknown) => this.onError(error));
      },
      Math.max(0, delayMs / this.timeScale),
    );
    this.timers.add(timer);
  }

  /** Number of tasks not yet run. */
  get pending(): number {
    return this.timers.size;
  }

  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
