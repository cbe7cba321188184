import type { WorkerConfig } from '@bufor/config';

/** Injection token of the parsed worker configuration (parsed once in main.ts). */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export type { WorkerConfig };
