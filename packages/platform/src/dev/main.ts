import { parseArgs } from 'node:util';
import { startDevServices } from './dev-services';
import { probeDevServices } from './probe-dev-services';

/**
 * Runs the local S3 and mail catcher for development:
 *   tsx packages/platform/src/dev/main.ts [--s3-port 4569] [--smtp-port 1025] [--web-port 1080] [--data-dir var] [--bucket bufor-documents]
 * The defaults match the defaults of S3_ENDPOINT, S3_BUCKET and SMTP_URL in @bufor/config.
 * When both services already answer on those ports (a second run of the dev command), it says so and exits 0.
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
  const s3Port = port(values['s3-port'], '--s3-port');
  const mailWebPort = port(values['web-port'], '--web-port');
  const running = await probeDevServices({
    s3Endpoint: `http://${values.host}:${s3Port}`,
    mailWebUrl: `http://${values.host}:${mailWebPort}`,
  });
  if (running.s3 && running.mail) {
    process.stdout.write(`dev services already running: S3 on port ${s3Port}, mail inbox on port ${mailWebPort}\n`);
    return;
  }
  const services = await startDevServices({
    s3Port,
    mailSmtpPort: port(values['smtp-port'], '--smtp-port'),
    mailWebPort,
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
