import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * In-memory state: named tables (Map<string, T>) created on first use, so each route module owns its own
 * tables without a central registry. The whole store can be written to and read from one JSON snapshot
 * file (Buffers and Maps survive the round trip) so the demo keeps its data across restarts.
 */
export class SimulatorStore {
  private readonly tables = new Map<string, Map<string, unknown>>();

  constructor(private readonly snapshotFile: string | null = null) {}

  table<T>(name: string): Map<string, T> {
    let table = this.tables.get(name);
    if (!table) {
      table = new Map<string, unknown>();
      this.tables.set(name, table);
    }
    return table as Map<string, T>;
  }

  clear(): void {
    for (const table of this.tables.values()) table.clear();
  }

  /** Writes the snapshot atomically (temp file + rename). No-op without a snapshot file. */
  save(): void {
    if (!this.snapshotFile) return;
    const data: Record<string, [string, unknown][]> = {};
    for (const [name, table] of this.tables) data[name] = [...table.entries()];
    mkdirSync(dirname(this.snapshotFile), { recursive: true });
    const temp = `${this.snapshotFile}.tmp`;
    writeFileSync(temp, JSON.stringify(data, replacer));
    renameSync(temp, this.snapshotFile);
  }

  /** Loads the snapshot if the file exists; returns whether anything was loaded. */
  load(): boolean {
    if (!this.snapshotFile || !existsSync(this.snapshotFile)) return false;
    const data = JSON.parse(readFileSync(this.snapshotFile, 'utf8'), reviver) as Record<string, [string, unknown][]>;
    for (const [name, entries] of Object.entries(data)) {
      const table = this.table<unknown>(name);
      table.clear();
      for (const [key, value] of entries) table.set(key, value);
    }
    return true;
  }
}

// Buffer.prototype.toJSON runs before the replacer, so Buffers arrive here as { type: 'Buffer', data }.
function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (isBufferJson(value)) return { $b64: Buffer.from(value.data).toString('base64') };
  if (value instanceof Map) return { $map: [...(value as Map<unknown, unknown>).entries()] };
  if (value instanceof Set) return { $set: [...(value as Set<unknown>)] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object') {
    if ('$b64' in value && typeof value.$b64 === 'string') return Buffer.from(value.$b64, 'base64');
    if ('$map' in value && Array.isArray(value.$map)) return new Map(value.$map as [unknown, unknown][]);
    if ('$set' in value && Array.isArray(value.$set)) return new Set(value.$set as unknown[]);
  }
  return value;
}

function isBufferJson(value: unknown): value is { type: 'Buffer'; data: number[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Buffer' &&
    Array.isArray((value as { data?: unknown }).data)
  );
}
