/** Liveness of the web server (used by the stack harness and container probes). */
export function GET(): Response {
  return Response.json({ status: 'ok' });
}
