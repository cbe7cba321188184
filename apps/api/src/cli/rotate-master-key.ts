import { setTimeout as sleep } from 'node:timers/promises';
import { apiEnvSchema, loadConfigOrExit } from '@bufor/config';
import { createDataSource, TenantScope } from '@bufor/db';
import { addMasterKey, ensureKeyringFile, LocalKeyVault, readKeyringFile } from '@bufor/platform';
import { KsefCredentialsRepository } from '../modules/ksef-credentials/ksef-credentials.repository';
import {
  credentialsPerMasterKey,
  retireMasterKey,
  rotateMasterKey,
} from '../modules/ksef-credentials/master-key-rotation';

const USAGE = `usage: node dist/cli/rotate-master-key.js <command>
  Works on the local keyring KMS_LOCAL_MASTER_KEY_FILE while the API and the worker keep running.
  status            the keys of the keyring (the last one is active) and how many credentials each wraps
  rotate            add a new active key, give running apps time to see it, re-wrap every credential under it
  rewrap            re-wrap the credentials that are not under the active key yet (finishes an interrupted rotate)
  retire <key id>   remove an old key once no credential uses it
  --old <file> --new <file>
                    one-off move from one key file to another (start the apps on the new file afterwards)
  AWS KMS rotates its key material itself (old versions keep decrypting): this tool is for the local vault.
`;

/** Running apps look at the keyring at most once a second before a new data key (LocalKeyVault's default). */
const PICK_UP_WAIT_MS = 3000;

function fail(message: string, code = 2): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(code);
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function withCredentials<T>(
  databaseUrl: string,
  work: (credentials: KsefCredentialsRepository) => Promise<T>,
): Promise<T> {
  const dataSource = await createDataSource({
    url: databaseUrl,
    applicationName: 'bufor-rotate-master-key',
    poolSize: 2,
  }).initialize();
  try {
    return await work(new KsefCredentialsRepository(new TenantScope(dataSource), dataSource));
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('api', apiEnvSchema);
  const keyring = config.KMS_LOCAL_MASTER_KEY_FILE;
  const [command, argument] = process.argv.slice(2);
  const oldFile = option('old');
  const newFile = option('new');

  if (oldFile || newFile) {
    if (!oldFile || !newFile) fail(USAGE);
    const oldKeys = await readKeyringFile(oldFile);
    if (!oldKeys) fail(`master key file ${oldFile} does not exist`);
    await ensureKeyringFile(newFile);
    const newKeys = (await readKeyringFile(newFile)) ?? [];
    const newVault = LocalKeyVault.fromKeys(newKeys.map((key) => key.key));
    if (oldKeys.some((key) => key.id === newVault.keyId)) fail('the old and the new file hold the same key');
    // Old keys first, the new file's active key last: it wraps, the old ones only unwrap.
    const vault = LocalKeyVault.fromKeys([...oldKeys, ...newKeys].map((key) => key.key));
    const report = await withCredentials(config.DATABASE_URL, (credentials) => rotateMasterKey({ credentials, vault }));
    process.stdout.write(`${describe(report)} -> ${newVault.keyId}\n`);
    return;
  }

  switch (command ?? '') {
    case 'status': {
      const vault = await LocalKeyVault.fromFile(keyring);
      const counts = await withCredentials(config.DATABASE_URL, credentialsPerMasterKey);
      for (const id of vault.keyIds) {
        const active = id === vault.keyId ? ' (active)' : '';
        process.stdout.write(`${id}${active}: ${credentialCount(counts.get(id) ?? 0)}\n`);
        counts.delete(id);
      }
      for (const [id, count] of counts) process.stdout.write(`${id} (NOT IN THE KEYRING): ${credentialCount(count)}\n`);
      return;
    }
    case 'rotate':
    case 'rewrap': {
      if (command === 'rotate') {
        const added = await addMasterKey(keyring);
        process.stdout.write(`added master key ${added}; waiting for running apps to pick it up\n`);
        await sleep(PICK_UP_WAIT_MS);
      }
      const vault = await LocalKeyVault.fromFile(keyring);
      const report = await withCredentials(config.DATABASE_URL, (credentials) =>
        rotateMasterKey({ credentials, vault }),
      );
      process.stdout.write(`${describe(report)} -> ${vault.keyId}\n`);
      const old = vault.keyIds.filter((id) => id !== vault.keyId);
      if (old.length) process.stdout.write(`older keys, retire when no longer needed: ${old.join(', ')}\n`);
      return;
    }
    case 'retire': {
      if (!argument) fail(USAGE);
      await withCredentials(config.DATABASE_URL, (credentials) =>
        retireMasterKey({ credentials, keyringFile: keyring, keyId: argument }),
      );
      process.stdout.write(`retired master key ${argument}\n`);
      return;
    }
    default:
      fail(USAGE);
  }
}

function credentialCount(count: number): string {
  return `${count} credential${count === 1 ? '' : 's'}`;
}

function describe(report: { tenants: number; resealed: number; alreadyCurrent: number }): string {
  return `${report.tenants} tenants, ${report.resealed} credentials re-sealed, ${report.alreadyCurrent} already current`;
}

main().catch((error: unknown) => {
  // KeyVaultError messages never contain key material or secrets.
  fail(`rotation failed: ${error instanceof Error ? error.message : String(error)}`, 1);
});
