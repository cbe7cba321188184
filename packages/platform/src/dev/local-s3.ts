import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import S3rver from 's3rver';
import { closeServer, listen } from './listen';

export interface LocalS3Options {
  /** 0 picks a free port. */
  port: number;
  /** Where objects are kept on disk; survives restarts. */
  directory: string;
  /** Created at start when missing. */
  bucket: string;
  host?: string;
  /** Print every request (off by default). */
  verbose?: boolean;
}

export interface LocalS3 {
  endpoint: string;
  port: number;
  bucket: string;
  /** s3rver knows only this access key (it checks the key id, not SigV4 signatures). */
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/** The development object store: s3rver, an S3-compatible server on the local file system. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const host = options.host ?? '127.0.0.1';
  await mkdir(options.directory, { recursive: true });
  const s3rver = new S3rver({
    directory: options.directory,
    silent: !options.verbose,
    // Path-style only: a host name such as "s3.local" must not be read as a bucket name.
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [] }],
  });
  await s3rver.configureBuckets();
  // Our own HTTP server instead of s3rver.run(): run() never settles when the port is taken.
  const server = createServer(s3rver.callback());
  const port = await listen(server, options.port, host, 'local S3 (s3rver)');
  return {
    endpoint: `http://${host}:${port}`,
    port,
    bucket: options.bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: () => closeServer(server),
  };
}
