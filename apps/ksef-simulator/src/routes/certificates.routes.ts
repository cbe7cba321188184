import { intParam } from '../core/paging';
import { authOf } from '../core/request-auth';
import { bodySchema } from '../openapi/openapi-schemas';
import {
  certificateLimits,
  enroll,
  enrollmentData,
  enrollmentStatus,
  queryCertificates,
  retrieveCertificates,
  revokeCertificate,
  type CertificateQueryBody,
  type EnrollmentBody,
} from '../services/certificates.service';
import type { RouteModule } from '../simulator-context';

const POLICY = { ksef: { group: 'other', auth: 'access' } } as const;

// The contract's certificateName pattern escapes a space (`\ `), which is invalid in a Unicode regex (ajv
// compiles with the `u` flag), so this body schema restates it with the same allowed characters.
const ENROLL_BODY = {
  type: 'object',
  required: ['certificateName', 'certificateType', 'csr'],
  properties: {
    certificateName: { type: 'string', minLength: 5, maxLength: 100, pattern: '^[a-zA-Z0-9_ \\-ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]+$' },
    certificateType: bodySchema('KsefCertificateType'),
    csr: { type: 'string', minLength: 1 },
    validFrom: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
  },
} as const;

/** KSeF certificates: limits, enrollment data, CSR enrollment, status, retrieve, query, revoke. */
export const certificatesRoutes: RouteModule = {
  name: 'certificates',
  scope: 'ksef',
  register(app, ctx) {
    app.get('/certificates/limits', { config: POLICY }, (request) => certificateLimits(ctx, authOf(request)));

    app.get('/certificates/enrollments/data', { config: POLICY }, (request) => enrollmentData(authOf(request)));

    app.post<{ Body: EnrollmentBody }>(
      '/certificates/enrollments',
      { schema: { body: ENROLL_BODY }, config: POLICY },
      async (request, reply) => reply.code(202).send(await enroll(ctx, authOf(request), request.body)),
    );

    app.get<{ Params: { referenceNumber: string } }>(
      '/certificates/enrollments/:referenceNumber',
      { config: POLICY },
      (request) => enrollmentStatus(ctx, authOf(request), request.params.referenceNumber),
    );

    app.post<{ Body: { certificateSerialNumbers: string[] } }>(
      '/certificates/retrieve',
      { schema: { body: bodySchema('RetrieveCertificatesRequest') }, config: POLICY },
      (request) => retrieveCertificates(ctx, authOf(request), request.body.certificateSerialNumbers),
    );

    app.post<{ Body: CertificateQueryBody | undefined; Querystring: { pageSize?: string; pageOffset?: string } }>(
      '/certificates/query',
      { schema: { body: bodySchema('QueryCertificatesRequest') }, config: POLICY },
      (request) =>
        queryCertificates(
          ctx,
          authOf(request),
          request.body ?? {},
          intParam(request.query.pageOffset, 'pageOffset', 0, 1_000_000, 0),
          intParam(request.query.pageSize, 'pageSize', 10, 50, 10),
        ),
    );

    app.post<{ Params: { certificateSerialNumber: string }; Body: { revocationReason?: string | null } | undefined }>(
      '/certificates/:certificateSerialNumber/revoke',
      { schema: { body: bodySchema('RevokeCertificateRequest') }, config: POLICY },
      (request, reply) => {
        revokeCertificate(
          ctx,
          authOf(request),
          request.params.certificateSerialNumber,
          request.body?.revocationReason ?? null,
        );
        return reply.code(204).send();
      },
    );
  },
};
