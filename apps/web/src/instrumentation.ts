/** Runs once when the server starts: an invalid environment stops it before it serves anything. */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is inlined by Next at build time (not configuration); it keeps the Node-only loader out of edge bundles.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { webConfig } = await import('./server/web-config');
  webConfig();
}
