import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfigOrExit, seedEnvSchema } from '@bufor/config';
import { createDataSource } from '@bufor/db';
import { argon2id, hash } from 'argon2';
import { DEMO_TENANT, seedDemo } from '../modules/demo/demo-seed';
import { openDemoObjectStore } from './demo-object-store';

interface DemoCredentials {
  email: string;
  password: string;
}

/** The demo password is made once per machine and kept outside git, so re-seeding prints the same one. */
function demoCredentials(file: string, email: string, override: string | undefined): DemoCredentials {
  if (override) return { email, password: override };
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<DemoCredentials>;
    if (saved.email === email && typeof saved.password === 'string') return { email, password: saved.password };
  }
  const credentials = { email, password: `Demo-${randomBytes(6).toString('base64url')}` };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('seed', seedEnvSchema);
  if (config.NODE_ENV === 'production') {
    process.stderr.write('refusing to seed demo data with NODE_ENV=production\n');
    process.exit(1);
  }
  const admin = demoCredentials(config.DEMO_CREDENTIALS_FILE, config.DEMO_ADMIN_EMAIL, config.DEMO_ADMIN_PASSWORD);
  const dataSource = await createDataSource({
    url: config.DATABASE_MIGRATION_URL,
    applicationName: 'bufor-seed',
    poolSize: 2,
  }).initialize();
  try {
    const passwordHash = await hash(admin.password, { type: argon2id });
    const objects = await openDemoObjectStore(config, (line) => process.stderr.write(`seed: ${line}\n`));
    try {
      await seedDemo(
        dataSource,
        [
          { email: admin.email, displayName: 'Anna Nowak', role: 'owner', passwordHash },
          { email: 'sklep.krakow@demo.bufor.local', displayName: 'Piotr Zieliński', role: 'user', passwordHash },
        ],
        objects.store,
      );
    } finally {
      await objects.close();
    }
  } finally {
    await dataSource.destroy();
  }
  process.stdout.write(
    `demo tenant: ${DEMO_TENANT.name} (NIP ${DEMO_TENANT.nip})\n` +
      `demo admin:  ${admin.email}\n` +
      `password:    ${admin.password}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
