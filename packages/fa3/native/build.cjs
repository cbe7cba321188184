#!/usr/bin/env node
/**
 * Builds the libxml2 schema-validation addon (fa3's `install` script). Without libxml2's headers it builds nothing
 * and says so: the package then validates with libxml2-wasm, which is slower but needs no native build.
 * A failing compiler with the headers present is a real error and fails the install.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

function hasLibxml2Headers() {
  try {
    execFileSync('pkg-config', ['--exists', 'libxml-2.0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Node's own headers next to the running binary (Debian: /usr, official images: /usr/local): no download. */
function localNodeDir() {
  if (process.env.npm_config_nodedir) return undefined;
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/** pnpm runs this on every install: skip the compiler when the addon is newer than all of its sources. */
function upToDate() {
  const addon = join(__dirname, 'build', 'Release', 'fa3_libxml2.node');
  if (!existsSync(addon)) return false;
  const sources = [
    join(__dirname, 'binding.gyp'),
    ...readdirSync(join(__dirname, 'src')).map((f) => join(__dirname, 'src', f)),
  ];
  const built = statSync(addon).mtimeMs;
  return sources.every((file) => statSync(file).mtimeMs < built);
}

if (upToDate()) process.exit(0);

if (!hasLibxml2Headers()) {
  console.warn(
    '@bufor/fa3: libxml2 headers not found (Debian: apt-get install libxml2-dev pkg-config); ' +
      'FA(3) schema validation falls back to libxml2-wasm.',
  );
  process.exit(0);
}

let gyp;
try {
  gyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch {
  // A production-only install (pnpm deploy --prod) has no devDependencies: keep what the build stage compiled.
  console.warn('@bufor/fa3: node-gyp is not installed; the libxml2 addon is not rebuilt.');
  process.exit(0);
}
const nodeDir = localNodeDir();
const args = ['rebuild', '--directory', __dirname, ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
const { status } = spawnSync(process.execPath, [gyp, ...args], { stdio: 'inherit' });
process.exit(status ?? 1);
