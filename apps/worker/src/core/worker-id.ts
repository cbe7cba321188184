import { hostname } from 'node:os';

/** Injection token of this process's identity (host:pid), written on the rows a job records. */
export const WORKER_ID = Symbol('WORKER_ID');

export function workerId(): string {
  return `${hostname()}:${process.pid}`;
}
