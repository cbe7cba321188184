import { z } from 'zod';
import { isoDateTime } from '../core/dates';
import { validationError } from '../core/errors';
import { faultSettingsSchema } from '../core/faults';
import { rotateKeys } from '../crypto/simulator-keys';
import { NIP_PATTERN } from '../domain/identifiers';
import { PERMISSIONS } from '../domain/permissions';
import { ensureSimContext } from '../services/sim-contexts.service';
import { storeSimInvoice } from '../services/sim-invoices.service';
import type { RouteModule, SimulatorContext } from '../simulator-context';

const contextBody = z.object({
  nip: z.string().regex(NIP_PATTERN, 'NIP musi mieć 10 cyfr'),
  /** Defaults to InvoiceWrite + InvoiceRead; a different set mints a separate token. */
  permissions: z.array(z.enum(PERMISSIONS)).min(1).optional(),
});
const clockBody = z
  .object({
    advanceSeconds: z.number().optional(),
    advanceMs: z.number().optional(),
    set: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw validationError(...result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`));
}

function latarniaStatus(ctx: SimulatorContext): { status: string; messages: unknown[] } {
  const outage = ctx.faults.currentOutage();
  if (!outage) return { status: 'AVAILABLE', messages: [] };
  const category = outage.kind === 'MAINTENANCE' ? '03' : outage.kind === 'FAILURE' ? '01' : '02';
  return {
    status: outage.kind,
    messages: [
      {
        id: `sim-${outage.from}`,
        eventId: outage.from,
        category,
        type: outage.kind,
        title: 'Symulowana niedostępność KSeF',
        text: 'Okno niedostępności ustawione przez POST /sim/faults.',
        start: isoDateTime(outage.from),
        end: isoDateTime(outage.to),
        version: 1,
        published: isoDateTime(outage.from),
      },
    ],
  };
}

/** The `/sim` control API (not part of KSeF): contexts, clock, faults, stats, reset, Latarnia status. */
export const simControlRoutes: RouteModule = {
  name: 'sim-control',
  scope: 'root',
  register(app, ctx) {
    app.post('/sim/contexts', (request) => {
      const body = parse(contextBody, request.body);
      return ensureSimContext(ctx, body.nip, body.permissions);
    });

    app.post('/sim/invoices', (request) => {
      const seller = request.headers['x-sim-seller-nip'];
      return storeSimInvoice(ctx, request.body, typeof seller === 'string' ? seller : undefined);
    });

    app.post('/sim/clock', (request) => {
      const body = parse(clockBody, request.body);
      if (body.set) ctx.options.clock.setTo(Date.parse(body.set));
      if (body.advanceSeconds) ctx.options.clock.advance(body.advanceSeconds * 1000);
      if (body.advanceMs) ctx.options.clock.advance(body.advanceMs);
      return { now: isoDateTime(ctx.clock.now()), timeScale: ctx.options.timeScale };
    });
    // `nowMs` and `timeScale` let a client outside the process run a clock in step with the simulator's.
    app.get('/sim/clock', () => ({
      now: isoDateTime(ctx.clock.now()),
      nowMs: ctx.clock.now(),
      timeScale: ctx.options.timeScale,
    }));

    app.post('/sim/faults', (request) => {
      ctx.faults.configure(parse(faultSettingsSchema, request.body));
      return ctx.faults.describe();
    });
    app.delete('/sim/faults', () => {
      ctx.faults.clear();
      return ctx.faults.describe();
    });
    app.get('/sim/faults', () => ctx.faults.describe());

    app.get('/sim/stats', () => {
      const stats = ctx.stats.snapshot();
      return { since: isoDateTime(stats.since), groups: stats.groups, contexts: stats.contexts };
    });

    app.post('/sim/reset', () => {
      ctx.scheduler.cancelAll();
      ctx.store.clear();
      ctx.rateLimiter.reset();
      ctx.faults.clear();
      ctx.options.clock.reset();
      ctx.stats.reset(ctx.clock.now());
      return { reset: true };
    });

    app.post('/sim/keys/rotate', async () => {
      await rotateKeys(ctx.options.dataDir, ctx.keys, ctx.clock.now());
      return {
        KsefTokenEncryption: ctx.keys.tokenEncryption.publicKeyId,
        SymmetricKeyEncryption: ctx.keys.symmetricKeyEncryption.publicKeyId,
      };
    });

    app.get('/sim/latarnia/status', () => latarniaStatus(ctx));
    app.get('/sim/latarnia/messages', () => latarniaStatus(ctx).messages);
  },
};
