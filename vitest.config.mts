import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// Workspace packages are resolved to their TypeScript sources, so tests never need a prior build.
const alias = [
  { find: /^@bufor\/([a-z0-9-]+)$/, replacement: `${root}/packages/$1/src/index.ts` },
  // Subpath entries such as `@bufor/platform/dev` -> packages/platform/src/dev/index.ts
  { find: /^@bufor\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: `${root}/packages/$1/src/$2/index.ts` },
];

// One Vitest project per package/app: small tests (*.spec.ts) and medium tests (*.medium.spec.ts) next to the code.
const packageProjects = ['packages', 'apps']
  .flatMap((group) => readdirSync(resolve(root, group)).map((name) => `${group}/${name}`))
  .filter((dir) => existsSync(resolve(root, dir, 'src')) && dir !== 'apps/web')
  .map((dir) => ({
    extends: true as const,
    test: {
      name: dir.split('/')[1],
      root: resolve(root, dir),
      include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    },
  }));

export default defineConfig({
  // SWC instead of esbuild: NestJS and TypeORM need emitted decorator metadata.
  plugins: [swc.vite({ jsc: { target: 'es2022' } })],
  resolve: { alias },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      ...packageProjects,
      { extends: true, test: { name: 'web', root: resolve(root, 'apps/web'), include: ['src/**/*.spec.ts'] } },
      { extends: true, test: { name: 'medium', root: resolve(root, 'test'), include: ['medium/**/*.spec.ts'] } },
      {
        extends: true,
        test: { name: 'e2e', root: resolve(root, 'test'), include: ['e2e/**/*.spec.ts'], fileParallelism: false },
      },
    ],
  },
});
