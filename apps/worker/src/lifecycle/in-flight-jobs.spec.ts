import { describe, expect, it } from 'vitest';
import { InFlightJobs, ShutdownAbort } from './in-flight-jobs';

describe('InFlightJobs', () => {
  it('aborts every running job with ShutdownAbort when the shutdown releases them', () => {
    const inFlight = new InFlightJobs();
    const first = inFlight.begin('q:1');
    const second = inFlight.begin('q:2');
    inFlight.end('q:2');

    expect(inFlight.releaseAll()).toBe(1);
    expect(first.reason).toBeInstanceOf(ShutdownAbort);
    expect(InFlightJobs.isShutdownAbort(first)).toBe(true);
    expect(second.aborted).toBe(false);
  });

  it('hands a job that starts after the release an already aborted signal', () => {
    const inFlight = new InFlightJobs();
    inFlight.releaseAll();
    expect(InFlightJobs.isShutdownAbort(inFlight.begin('q:3'))).toBe(true);
  });

  it('does not mistake another abort (a cancelled job) for the shutdown', () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    expect(InFlightJobs.isShutdownAbort(controller.signal)).toBe(false);
  });
});
