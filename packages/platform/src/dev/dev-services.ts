import { join, resolve } from 'node:path';
import { startLocalMailCatcher } from './local-mail-catcher';
import { startLocalS3 } from './local-s3';

export interface DevServicesOptions {
  s3Port: number;
  mailSmtpPort: number;
  mailWebPort: number;
  /** Objects go to `<dataDir>/s3`, caught mail to `<dataDir>/mail`. */
  dataDir: string;
  bucket?: string;
  host?: string;
}

export interface DevServices {
  s3Endpoint: string;
  bucket: string;
  smtpUrl: string;
  mailWebUrl: string;
  stop(): Promise<void>;
}

/** Starts the local stand-ins for S3 and SMTP that the API and worker use in development and tests. */
export async function startDevServices(options: DevServicesOptions): Promise<DevServices> {
  const dataDir = resolve(options.dataDir);
  const bucket = options.bucket ?? 'bufor-documents';
  const s3 = await startLocalS3({ port: options.s3Port, directory: join(dataDir, 's3'), bucket, host: options.host });
  try {
    const mail = await startLocalMailCatcher({
      smtpPort: options.mailSmtpPort,
      webPort: options.mailWebPort,
      directory: join(dataDir, 'mail'),
      host: options.host,
    });
    return {
      s3Endpoint: s3.endpoint,
      bucket,
      smtpUrl: mail.smtpUrl,
      mailWebUrl: mail.webUrl,
      stop: async () => {
        await Promise.allSettled([mail.stop(), s3.stop()]);
      },
    };
  } catch (error) {
    await s3.stop();
    throw error;
  }
}
