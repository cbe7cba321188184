import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { renderError } from './core/error-handler';
import { FaultInjector } from './core/faults';
import { PresignedUrls } from './core/presigned-urls';
import { RateLimiter } from './core/rate-limiter';
import { guardRequest, policyOf, spoilAnswer } from './core/request-guard';
import { Scheduler } from './core/scheduler';
import { StatsRecorder } from './core/stats';
import { SimulatorStore } from './core/store';
import { loadOrCreateKeys } from './crypto/simulator-keys';
import { loadOpenApiComponentSchemas } from './openapi/openapi-schemas';
import { ROUTE_MODULES } from './routes';
import { TokenIssuer } from './services/token-issuer';
import type { SimulatorContext } from './simulator-context';
import { resolveOptions, type SimulatorOptions } from './simulator-options';
import { XmlToolkit } from './xml/xml-toolkit';

export interface Simulator {
  app: FastifyInstance;
  ctx: SimulatorContext;
  /** Starts listening (port 0 = any free port) and returns the server root URL, e.g. http://127.0.0.1:8100. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const MAX_UPLOAD_BYTES = 110_000_000;

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const clock = resolved.clock;
  const store = new SimulatorStore(resolved.snapshot && resolved.dataDir ? join(resolved.dataDir, 'state.json') : null);
  if (resolved.snapshot) store.load();
  const keys = await loadOrCreateKeys(resolved.dataDir, clock.now());
  const xml = await XmlToolkit.load();

  const app = Fastify({
    logger: { level: resolved.logLevel },
    // One line per request is written by our onResponse hook (with context, group and outcome).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 12_000_000,
    ajv: { customOptions: { strict: false, coerceTypes: false, removeAdditional: false, allErrors: true } },
  });

  let unsavedChanges = false;
  const ctx: SimulatorContext = {
    options: resolved,
    clock,
    store,
    keys,
    tokens: new TokenIssuer(keys.secret, clock, resolved.tokenLifetimes),
    rateLimiter: new RateLimiter(clock, resolved.rateLimits),
    faults: new FaultInjector(clock, resolved.processingDelayMs),
    stats: new StatsRecorder(clock.now()),
    urls: new PresignedUrls(keys.secret),
    scheduler: new Scheduler((error) => app.log.error({ err: error }, 'background task failed'), resolved.timeScale),
    xml,
    log: app.log,
    baseUrl: (request: FastifyRequest) =>
      resolved.publicBaseUrl ?? `${request.protocol}://${request.headers.host ?? `${request.hostname}`}`,
  };

  app.decorateRequest('auth', null);
  app.addSchema(loadOpenApiComponentSchemas());
  registerBodyParsers(app);

  app.addHook('onRequest', (request, reply) => guardRequest(ctx, request, reply));
  app.addHook('onSend', async (request, reply, payload) => {
    // TEST echoes X-Test-System-Warning back as a system warning.
    const warning = request.headers['x-test-system-warning'];
    if (typeof warning === 'string' && reply.statusCode < 300) void reply.header('X-System-Warning', warning);
    return spoilAnswer(request, reply, payload);
  });
  app.addHook('onResponse', async (request, reply) => {
    // Reads never change state; everything else (and the background work it starts) may.
    if (request.method !== 'GET') unsavedChanges = true;
    const policy = policyOf(request);
    const status = reply.statusCode;
    if (policy) ctx.stats.record(policy.group, request.auth?.contextKey ?? null, status);
    const outcome = status >= 500 ? 'server-error' : status === 429 ? 'throttled' : status >= 400 ? 'rejected' : 'ok';
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        url: request.url,
        status,
        group: policy?.group,
        context: request.auth?.contextKey,
        ip: request.ip,
        ms: Math.round(reply.elapsedTime),
        outcome,
      },
      'request',
    );
  });
  app.setErrorHandler((error, request, reply) => renderError(error, request, reply, clock));
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send({
        title: 'Not Found',
        status: 404,
        detail: `Nieznany zasób: ${request.method} ${request.url.split('?')[0]}`,
      }),
  );

  for (const module of ROUTE_MODULES) {
    if (module.scope === 'ksef') {
      await app.register(
        (scoped, _opts, done) => {
          module.register(scoped, ctx);
          done();
        },
        { prefix: '/v2' },
      );
    } else if (module.name !== 'sim-control' || resolved.controlApi) {
      module.register(app, ctx);
    }
  }

  let snapshotTimer: NodeJS.Timeout | null = null;
  // Writing a large state costs seconds; the periodic snapshot is skipped while nothing changed.
  if (resolved.snapshot) {
    snapshotTimer = setInterval(() => {
      if (!unsavedChanges && ctx.scheduler.pending === 0) return;
      // Work still queued will change state after this save: keep the flag for the next tick.
      unsavedChanges = ctx.scheduler.pending > 0;
      store.save();
    }, resolved.snapshotIntervalMs);
    snapshotTimer.unref();
  }

  return {
    app,
    ctx,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    },
    async close() {
      if (snapshotTimer) clearInterval(snapshotTimer);
      ctx.scheduler.cancelAll();
      await app.close();
      store.save();
      xml.dispose();
    },
  };
}

function registerBodyParsers(app: FastifyInstance): void {
  // KSeF clients often send `Content-Type: application/json` with an empty body (redeem, refresh, close).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const error = Object.assign(new Error('Treść żądania nie jest poprawnym JSON-em.'), { statusCode: 400 });
      done(error, undefined);
    }
  });
  // XAdES documents and invoice XML stay raw bytes: hashes and signatures are computed over exactly these.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  // Batch part uploads carry arbitrary bytes with any (or no) content type.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) =>
    done(null, body),
  );
}
