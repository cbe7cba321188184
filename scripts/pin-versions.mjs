// Rewrites every ^/~ range in the workspace's package.json files to the exact version the lockfile installed,
// so that what we test is what we ship. Run after adding a dependency: `node scripts/pin-versions.mjs && pnpm install`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const projects = JSON.parse(execFileSync('pnpm', ['list', '-r', '--depth', '0', '--json'], { encoding: 'utf8' }));
let changed = 0;
for (const project of projects) {
  const file = join(project.path, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const installed = project[section] ?? {};
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      if (!/^[\^~]/.test(range)) continue;
      const version = installed[name]?.version;
      if (!version || version.startsWith('link:')) continue;
      manifest[section][name] = version;
      changed++;
    }
  }
  writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
}
console.log(`pinned ${changed} ranges`);
