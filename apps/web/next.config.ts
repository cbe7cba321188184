import { resolve } from 'node:path';
import type { NextConfig } from 'next';

// Build-time switches only (runtime configuration goes through @bufor/config).
const nextConfig: NextConfig = {
  // The test suite builds into its own directory so it never clobbers the dev server's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The Docker image builds with NEXT_OUTPUT=standalone (a self-contained server.js); `next start` needs the default.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  // Workspace packages (@bufor/config) live above this folder; trace them from the repo root.
  outputFileTracingRoot: resolve(__dirname, '../..'),
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
