import { connect } from 'node:net';
import { resolve } from 'node:path';
import { createObjectStore, type ObjectStore } from '@bufor/platform';
import type { z } from 'zod';
import type { seedEnvSchema } from '@bufor/config';

type SeedConfig = z.infer<typeof seedEnvSchema>;

export interface DemoObjectStore {
  /** Undefined when no object store can be reached: the demo then has no invoice XML (and no PDF preview). */
  store: ObjectStore | undefined;
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * The object store for the demo invoices. scripts/up.sh seeds before it starts the stack, so on a developer machine
 * the local S3 is usually not running yet: the seed then runs it for the moment over the dev services' directory.
 */
export async function openDemoObjectStore(config: SeedConfig, warn: (line: string) => void): Promise<DemoObjectStore> {
  const endpoint = new URL(config.S3_ENDPOINT);
  const port = Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80));
  // Something listening is taken to be the store (a first S3 request can be slow on a busy machine; puts will tell).
  if (await listening(endpoint.hostname, port)) {
    const store = createObjectStore(config);
    return {
      store,
      close: () => {
        store.close();
        return Promise.resolve();
      },
    };
  }
  if (!LOCAL_HOSTS.has(endpoint.hostname)) {
    warn(`object store ${config.S3_ENDPOINT} does not answer: demo documents get no invoice XML (no PDF preview)`);
    return { store: undefined, close: () => Promise.resolve() };
  }
  // The stand-in is a dev dependency of @bufor/platform, loaded only here (the seed never runs in production).
  const { startLocalS3 } = await import('@bufor/platform/dev');
  const local = await startLocalS3({
    port,
    directory: resolve(config.DEMO_S3_DIR),
    bucket: config.S3_BUCKET,
    host: endpoint.hostname,
  });
  const store = createObjectStore(config);
  return {
    store,
    close: async () => {
      store.close();
      await local.stop();
    },
  };
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 2000 });
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.once('timeout', () => finish(false));
  });
}
