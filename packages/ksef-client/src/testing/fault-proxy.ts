import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';

/** What to do with one proxied request. */
export type FaultAction = 'pass' | 'respond-503-before' | 'drop-response-after' | 'respond-502-after';

/**
 * Test-only network stand-in between the client and the simulator: forwards requests and can inject failures
 * before the request reaches KSeF (503) or after KSeF processed it (connection dropped / 502), which is exactly
 * the "lost response" case the client must reconcile instead of re-sending.
 */
export class FaultProxy {
  private server?: Server;
  readonly log: { method: string; path: string; action: FaultAction }[] = [];

  constructor(
    private readonly target: string,
    private readonly decide: (method: string, path: string) => FaultAction,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const action = this.decide(req.method ?? 'GET', req.url ?? '/');
    this.log.push({ method: req.method ?? 'GET', path: req.url ?? '/', action });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (action === 'respond-503-before') {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Service Unavailable', status: 503 }));
      return;
    }
    const url = new URL(req.url ?? '/', this.target);
    const upstream = httpRequest(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
      const body: Buffer[] = [];
      up.on('data', (c: Buffer) => body.push(c));
      up.on('end', () => {
        if (action === 'drop-response-after') {
          req.socket.destroy();
          return;
        }
        if (action === 'respond-502-after') {
          res.writeHead(502);
          res.end();
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        res.end(Buffer.concat(body));
      });
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(Buffer.concat(chunks));
  }
}
