import { Injectable } from '@nestjs/common';

/** The abort reason handlers see when the worker releases their job at shutdown. */
export class ShutdownAbort extends Error {
  constructor() {
    super('worker is shutting down; the job goes back to the queue');
    this.name = 'ShutdownAbort';
  }
}

/** Jobs being processed by this process, each with an AbortController the shutdown can fire. */
@Injectable()
export class InFlightJobs {
  private readonly running = new Map<string, AbortController>();
  private releasing = false;

  /** Registers a job; its signal is already aborted when the shutdown is releasing jobs. */
  begin(jobKey: string): AbortSignal {
    const controller = new AbortController();
    if (this.releasing) controller.abort(new ShutdownAbort());
    this.running.set(jobKey, controller);
    return controller.signal;
  }

  end(jobKey: string): void {
    this.running.delete(jobKey);
  }

  count(): number {
    return this.running.size;
  }

  /** Aborts every running job (and every job that starts from now on) with ShutdownAbort; returns how many ran. */
  releaseAll(): number {
    this.releasing = true;
    for (const controller of this.running.values()) controller.abort(new ShutdownAbort());
    return this.running.size;
  }

  static isShutdownAbort(signal: AbortSignal): boolean {
    return signal.aborted && signal.reason instanceof ShutdownAbort;
  }
}
