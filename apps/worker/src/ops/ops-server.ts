import { Inject, Injectable } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOGGER, type Logger } from '../core/logger';
import { WORKER_CONFIG, type WorkerConfig } from '../core/worker-config';
import { ReadinessService } from './readiness.service';
import { WorkerMetrics } from './worker-metrics.service';

/** The worker's only HTTP surface: /health (liveness), /ready (dependencies) and /metrics (Prometheus). */
@Injectable()
export class OpsServer {
  private server: Server | undefined;

  constructor(
    private readonly readiness: ReadinessService,
    private readonly metrics: WorkerMetrics,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async listen(): Promise<AddressInfo> {
    const server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => {
        this.logger.error({ err: error, path: request.url }, 'ops endpoint failed');
        if (!response.headersSent) send(response, 500, 'application/problem+json', problem(500, 'Internal error'));
        else response.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_PORT, this.config.WORKER_HOST, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'application/problem+json', problem(405, 'Method not allowed'));
      return;
    }
    switch (path) {
      case '/health':
        send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
        return;
      case '/ready': {
        const report = await this.readiness.check();
        send(
          response,
          report.ready ? 200 : 503,
          'application/json',
          JSON.stringify({ status: report.ready ? 'ready' : 'not-ready', ...report }),
        );
        return;
      }
      case '/metrics':
        send(response, 200, this.metrics.registry.contentType, await this.metrics.registry.metrics());
        return;
      default:
        send(response, 404, 'application/problem+json', problem(404, 'Not found'));
    }
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

function problem(status: number, title: string): string {
  return JSON.stringify({ type: 'about:blank', title, status });
}
