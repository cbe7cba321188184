import { authOf } from '../core/request-auth';
import { PRODUCTION_RATE_LIMITS, type RateLimitTable } from '../core/rate-limits';
import { contextLimitsTable, DEFAULT_SESSION_LIMITS, type ContextSessionLimits } from '../domain/limits';
import { subjectKey, subjectLimitsFor, subjectLimitsTable } from '../domain/subject-limits';
import { validationError } from '../core/errors';
import { bodySchema } from '../openapi/openapi-schemas';
import type { RouteModule } from '../simulator-context';
import type { RequestAuth } from '../core/request-auth';
import type { SubjectIdentifier, SubjectIdentifierType } from '../domain/identifiers';

const POLICY = { ksef: { group: 'other', auth: 'access' } } as const;

interface SubjectLimitsBody {
  subjectIdentifierType?: SubjectIdentifierType;
  enrollment?: { maxEnrollments?: number | null } | null;
  certificate?: { maxCertificates?: number | null } | null;
}

function subjectOf(auth: RequestAuth): SubjectIdentifier {
  const subject = auth.operation.subject;
  if (!subject) throw validationError('Nie można ustalić podmiotu uwierzytelnionego.');
  return subject;
}

/** `/limits/*`, `/rate-limits` and their TEST overrides under `/testdata/limits` and `/testdata/rate-limits`. */
export const limitsRoutes: RouteModule = {
  name: 'limits',
  scope: 'ksef',
  register(app, ctx) {
    app.get('/limits/context', { config: POLICY }, (request) => {
      return contextLimitsTable(ctx.store).get(authOf(request).contextKey) ?? DEFAULT_SESSION_LIMITS;
    });

    app.get('/limits/subject', { config: POLICY }, (request) => {
      const limits = subjectLimitsFor(ctx.store, subjectOf(authOf(request)));
      return {
        enrollment: { maxEnrollments: limits.maxEnrollments },
        certificate: { maxCertificates: limits.maxCertificates },
      };
    });

    app.get('/rate-limits', { config: POLICY }, (request) => ctx.rateLimiter.limitsFor(authOf(request).contextKey));

    app.post<{ Body: ContextSessionLimits }>(
      '/testdata/limits/context/session',
      { schema: { body: bodySchema('SetSessionLimitsRequest') }, config: POLICY },
      (request, reply) => {
        const { onlineSession, batchSession } = request.body;
        contextLimitsTable(ctx.store).set(authOf(request).contextKey, { onlineSession, batchSession });
        return reply.code(200).send();
      },
    );
    app.delete('/testdata/limits/context/session', { config: POLICY }, (request, reply) => {
      contextLimitsTable(ctx.store).delete(authOf(request).contextKey);
      return reply.code(200).send();
    });

    app.post<{ Body: SubjectLimitsBody }>(
      '/testdata/limits/subject/certificate',
      { schema: { body: bodySchema('SetSubjectLimitsRequest') }, config: POLICY },
      (request, reply) => {
        const caller = subjectOf(authOf(request));
        const subject = { type: request.body.subjectIdentifierType ?? caller.type, value: caller.value };
        const override: { maxEnrollments?: number; maxCertificates?: number } = {};
        const enrollments = request.body.enrollment?.maxEnrollments;
        const certificates = request.body.certificate?.maxCertificates;
        if (typeof enrollments === 'number') override.maxEnrollments = enrollments;
        if (typeof certificates === 'number') override.maxCertificates = certificates;
        subjectLimitsTable(ctx.store).set(subjectKey(subject), override);
        return reply.code(200).send();
      },
    );
    app.delete('/testdata/limits/subject/certificate', { config: POLICY }, (request, reply) => {
      const caller = subjectOf(authOf(request));
      for (const type of ['Nip', 'Pesel', 'Fingerprint'] as const) {
        subjectLimitsTable(ctx.store).delete(subjectKey({ type, value: caller.value }));
      }
      return reply.code(200).send();
    });

    app.post<{ Body: { rateLimits: RateLimitTable } }>(
      '/testdata/rate-limits',
      { schema: { body: bodySchema('SetRateLimitsRequest') }, config: POLICY },
      (request, reply) => {
        ctx.rateLimiter.setContextOverride(authOf(request).contextKey, request.body.rateLimits);
        return reply.code(200).send();
      },
    );
    app.delete('/testdata/rate-limits', { config: POLICY }, (request, reply) => {
      ctx.rateLimiter.setContextOverride(authOf(request).contextKey, null);
      return reply.code(200).send();
    });
    app.post('/testdata/rate-limits/production', { config: POLICY }, (request, reply) => {
      ctx.rateLimiter.setContextOverride(authOf(request).contextKey, PRODUCTION_RATE_LIMITS);
      return reply.code(200).send();
    });
  },
};
