import { apiEnvSchema, loadConfigOrExit } from '@bufor/config';
import { createDataSource, TenantScope } from '@bufor/db';
import { LocalKeyVault } from '@bufor/platform';
import { KsefCredentialsRepository } from '../modules/ksef-credentials/ksef-credentials.repository';
import { rotateMasterKey } from '../modules/ksef-credentials/master-key-rotation';

const USAGE =
  'usage: node dist/cli/rotate-master-key.js --old <old master key file> --new <new master key file>\n' +
  '  Re-wraps every tenant credential under the new local master key (the new file is created when missing).\n' +
  '  Keep the old file until the API and worker run with KMS_LOCAL_MASTER_KEY_FILE=<new file>.\n' +
  '  AWS KMS rotates its key material itself (old versions keep decrypting): this tool is for the local vault.\n';

function argument(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  if (!value) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const oldFile = argument('old');
  const newFile = argument('new');
  const config = loadConfigOrExit('api', apiEnvSchema);
  const oldVault = await LocalKeyVault.fromFile(oldFile);
  const newVault = await LocalKeyVault.fromFile(newFile);
  if (oldVault.keyId === newVault.keyId) {
    process.stderr.write('the old and the new master key are the same key; nothing to rotate\n');
    process.exit(2);
  }
  const dataSource = await createDataSource({
    url: config.DATABASE_URL,
    applicationName: 'bufor-rotate-master-key',
    poolSize: 2,
  }).initialize();
  try {
    const credentials = new KsefCredentialsRepository(new TenantScope(dataSource), dataSource);
    const report = await rotateMasterKey({ credentials, oldVault, newVault, newKeyId: newVault.keyId });
    process.stdout.write(
      `master key ${oldVault.keyId} -> ${newVault.keyId}: ${report.tenants} tenants, ` +
        `${report.resealed} credentials re-sealed, ${report.alreadyCurrent} already under the new key\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  // KeyVaultError messages never contain key material or secrets.
  process.stderr.write(`rotation failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
