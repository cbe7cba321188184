import { parseArgs } from 'node:util';
import { startDevServices } from './dev-services';

/**
 * Runs the local S3 and mail catcher for development:
 *   tsx packages/platform/src/dev/main.ts [--s3-port 4569] [--smtp-port 1025] [--web-port 1080] [--data-dir var] [--bucket bufor-documents]
 * The defaults match the defaults of S3_ENDPOINT, S3_BUCKET and SMTP_URL in @bufor/config.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      's3-port': { type: 'string', default: '4569' },
      'smtp-port': { type: 'string', default: '1025' },
      'web-port': { type: 'string', default: '1080' },
      'data-dir': { type: 'string', default: 'var' },
      bucket: { type: 'string', default: 'bufor-documents' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const services = await startDevServices({
    s3Port: port(values['s3-port'], '--s3-port'),
    mailSmtpPort: port(values['smtp-port'], '--smtp-port'),
    mailWebPort: port(values['web-port'], '--web-port'),
    dataDir: values['data-dir'],
    bucket: values.bucket,
    host: values.host,
  });
  process.stdout.write(
    [
      `S3 (s3rver):       ${services.s3Endpoint}  bucket ${services.bucket}`,
      `SMTP (MailDev):    ${services.smtpUrl}`,
      `Mail inbox:        ${services.mailWebUrl}`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`dev services: ${signal}, stopping\n`);
    void services.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function port(value: string, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new Error(`${flag} must be a port number, got "${value}"`);
  return parsed;
}

main().catch((error: unknown) => {
  process.stderr.write(`dev services failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
