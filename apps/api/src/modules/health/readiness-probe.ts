/** A dependency /ready checks besides Postgres and Redis (e.g. the object store). */
export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

export const READINESS_PROBES = Symbol('READINESS_PROBES');
