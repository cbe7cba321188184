import type { FastifyRequest } from 'fastify';
import { intParam } from '../core/paging';
import { authOf } from '../core/request-auth';
import type { Permission } from '../domain/permissions';
import { bodySchema } from '../openapi/openapi-schemas';
import {
  queryAuthorizations,
  queryEntities,
  queryEuEntities,
  queryPersonal,
  queryPersons,
  querySubunits,
} from '../services/permission-queries.service';
import {
  attachmentStatus,
  ensureContextType,
  grant,
  grantAuthorization,
  operationStatus,
  revokeAuthorization,
  revokeGrant,
  type PersonDetailsBody,
} from '../services/permissions.service';
import type { RouteModule } from '../simulator-context';

type Id = { type: string; value: string };
type Pages = { Querystring: { pageOffset?: string; pageSize?: string } };

const policy = (anyOf?: Permission[]) => ({ ksef: { group: 'other' as const, auth: 'access' as const, anyOf } });

function pageOf(request: FastifyRequest<Pages>, max = 100): [number, number] {
  return [
    intParam(request.query.pageOffset, 'pageOffset', 0, 1_000_000, 0),
    intParam(request.query.pageSize, 'pageSize', 10, max, 10),
  ];
}

const subject = (id: Id) => ({ type: id.type as 'Nip' | 'Pesel' | 'Fingerprint', value: id.value });
const ctxId = (id: Id) => ({ type: id.type as 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId', value: id.value });

/** Permission grants (asynchronous operations), revocations, operation status, queries and attachment consent. */
export const permissionsRoutes: RouteModule = {
  name: 'permissions',
  scope: 'ksef',
  register(app, ctx) {
    app.post<{
      Body: {
        subjectIdentifier: Id;
        permissions: Permission[];
        description: string;
        subjectDetails: PersonDetailsBody;
      };
    }>(
      '/permissions/persons/grants',
      { schema: { body: bodySchema('PersonPermissionsGrantRequest') }, config: policy(['CredentialsManage']) },
      (request, reply) => {
        const auth = authOf(request);
        const b = request.body;
        const result = grant(ctx, auth, {
          kind: 'person',
          context: auth.context,
          subject: subject(b.subjectIdentifier),
          permissions: b.permissions.map((permission) => ({ permission, canDelegate: false })),
          description: b.description,
          subjectDetails: b.subjectDetails,
        });
        return reply.code(202).send(result);
      },
    );

    app.post<{
      Body: {
        subjectIdentifier: Id;
        permissions: { type: Permission; canDelegate?: boolean }[];
        description: string;
        subjectDetails: { fullName: string };
      };
    }>(
      '/permissions/entities/grants',
      { schema: { body: bodySchema('EntityPermissionsGrantRequest') }, config: policy(['CredentialsManage']) },
      (request, reply) => {
        const auth = authOf(request);
        const b = request.body;
        const result = grant(ctx, auth, {
          kind: 'entity',
          context: auth.context,
          subject: subject(b.subjectIdentifier),
          permissions: b.permissions.map((p) => ({ permission: p.type, canDelegate: p.canDelegate ?? false })),
          description: b.description,
          entityName: b.subjectDetails.fullName,
        });
        return reply.code(202).send(result);
      },
    );

    app.post<{ Body: Parameters<typeof grantAuthorization>[2] }>(
      '/permissions/authorizations/grants',
      {
        schema: { body: bodySchema('EntityAuthorizationPermissionsGrantRequest') },
        config: policy(['CredentialsManage']),
      },
      (request, reply) => reply.code(202).send(grantAuthorization(ctx, authOf(request), request.body)),
    );

    app.post<{
      Body: {
        subjectIdentifier: Id;
        targetIdentifier?: { type: 'Nip' | 'AllPartners' | 'InternalId'; value?: string | null } | null;
        permissions: Permission[];
        description: string;
        subjectDetails: PersonDetailsBody;
      };
    }>(
      '/permissions/indirect/grants',
      { schema: { body: bodySchema('IndirectPermissionsGrantRequest') }, config: policy(['CredentialsManage']) },
      (request, reply) => {
        const auth = authOf(request);
        const b = request.body;
        const target = b.targetIdentifier
          ? { type: b.targetIdentifier.type, value: b.targetIdentifier.value ?? null }
          : null;
        // A grant for one client applies in that client's context; AllPartners stays in the intermediary's.
        const context =
          target?.value && target.type !== 'AllPartners'
            ? ctxId({ type: target.type, value: target.value })
            : auth.context;
        const result = grant(ctx, auth, {
          kind: 'indirect',
          context,
          subject: subject(b.subjectIdentifier),
          permissions: b.permissions.map((permission) => ({ permission, canDelegate: false })),
          description: b.description,
          subjectDetails: b.subjectDetails,
          target,
        });
        return reply.code(202).send(result);
      },
    );

    app.post<{
      Body: {
        subjectIdentifier: Id;
        contextIdentifier: Id;
        description: string;
        subunitName?: string | null;
        subjectDetails: PersonDetailsBody;
      };
    }>(
      '/permissions/subunits/grants',
      { schema: { body: bodySchema('SubunitPermissionsGrantRequest') }, config: policy(['SubunitManage']) },
      (request, reply) => {
        const b = request.body;
        const result = grant(ctx, authOf(request), {
          kind: 'subunit',
          context: ctxId(b.contextIdentifier),
          subject: subject(b.subjectIdentifier),
          permissions: [{ permission: 'CredentialsManage', canDelegate: false }],
          description: b.description,
          subjectDetails: b.subjectDetails,
          subunitName: b.subunitName ?? null,
        });
        return reply.code(202).send(result);
      },
    );

    app.post<{
      Body: {
        subjectIdentifier: Id;
        contextIdentifier: Id;
        description: string;
        euEntityName: string;
        subjectDetails: PersonDetailsBody;
      };
    }>(
      '/permissions/eu-entities/administration/grants',
      {
        schema: { body: bodySchema('EuEntityAdministrationPermissionsGrantRequest') },
        config: policy(['CredentialsManage']),
      },
      (request, reply) => {
        const b = request.body;
        const result = grant(ctx, authOf(request), {
          kind: 'euEntityAdministration',
          context: ctxId(b.contextIdentifier),
          subject: subject(b.subjectIdentifier),
          permissions: [{ permission: 'VatUeManage', canDelegate: false }],
          description: b.description,
          subjectDetails: b.subjectDetails,
          euEntityName: b.euEntityName,
        });
        return reply.code(202).send(result);
      },
    );

    app.post<{
      Body: {
        subjectIdentifier: Id;
        permissions: Permission[];
        description: string;
        subjectDetails: PersonDetailsBody;
      };
    }>(
      '/permissions/eu-entities/grants',
      { schema: { body: bodySchema('EuEntityPermissionsGrantRequest') }, config: policy(['VatUeManage']) },
      (request, reply) => {
        const auth = authOf(request);
        ensureContextType(auth, ['NipVatUe']);
        const b = request.body;
        const result = grant(ctx, auth, {
          kind: 'euEntity',
          context: auth.context,
          subject: subject(b.subjectIdentifier),
          permissions: b.permissions.map((permission) => ({ permission, canDelegate: false })),
          description: b.description,
          subjectDetails: b.subjectDetails,
        });
        return reply.code(202).send(result);
      },
    );

    app.delete<{ Params: { permissionId: string } }>(
      '/permissions/common/grants/:permissionId',
      { config: policy(['CredentialsManage', 'VatUeManage', 'SubunitManage']) },
      (request, reply) => reply.code(202).send(revokeGrant(ctx, authOf(request), request.params.permissionId)),
    );
    app.delete<{ Params: { permissionId: string } }>(
      '/permissions/authorizations/grants/:permissionId',
      { config: policy(['CredentialsManage']) },
      (request, reply) => reply.code(202).send(revokeAuthorization(ctx, authOf(request), request.params.permissionId)),
    );

    app.get<{ Params: { referenceNumber: string } }>(
      '/permissions/operations/:referenceNumber',
      { config: policy() },
      (request) => operationStatus(ctx, authOf(request), request.params.referenceNumber),
    );
    app.get(
      '/permissions/attachments/status',
      { config: policy(['CredentialsManage', 'CredentialsRead']) },
      (request) => attachmentStatus(ctx, authOf(request)),
    );

    app.post<Pages & { Body: Parameters<typeof queryPersonal>[2] | undefined }>(
      '/permissions/query/personal/grants',
      { schema: { body: bodySchema('PersonalPermissionsQueryRequest') }, config: policy() },
      (request) => queryPersonal(ctx, authOf(request), request.body ?? {}, ...pageOf(request)),
    );
    app.post<Pages & { Body: Parameters<typeof queryPersons>[2] }>(
      '/permissions/query/persons/grants',
      {
        schema: { body: bodySchema('PersonPermissionsQueryRequest') },
        config: policy(['CredentialsManage', 'CredentialsRead', 'SubunitManage']),
      },
      (request) => queryPersons(ctx, authOf(request), request.body, ...pageOf(request)),
    );
    app.post<Pages & { Body: Parameters<typeof querySubunits>[2] | undefined }>(
      '/permissions/query/subunits/grants',
      {
        schema: { body: bodySchema('SubunitPermissionsQueryRequest') },
        config: policy(['CredentialsManage', 'CredentialsRead', 'SubunitManage']),
      },
      (request) => querySubunits(ctx, authOf(request), request.body ?? {}, ...pageOf(request)),
    );
    app.post<Pages & { Body: Parameters<typeof queryEntities>[2] | undefined }>(
      '/permissions/query/entities/grants',
      {
        schema: { body: bodySchema('EntityPermissionsQueryRequest') },
        config: policy(['CredentialsManage', 'CredentialsRead']),
      },
      (request) => queryEntities(ctx, authOf(request), request.body ?? {}, ...pageOf(request)),
    );
    // Entity roles come from relations (VAT groups, JST units, bailiffs) the simulator does not model yet.
    app.get<Pages>(
      '/permissions/query/entities/roles',
      { config: policy(['CredentialsManage', 'CredentialsRead']) },
      (request) => {
        pageOf(request);
        return { roles: [], hasMore: false };
      },
    );
    app.post<Pages>(
      '/permissions/query/subordinate-entities/roles',
      {
        schema: { body: bodySchema('SubordinateEntityRolesQueryRequest') },
        config: policy(['CredentialsManage', 'CredentialsRead', 'SubunitManage']),
      },
      (request) => {
        pageOf(request);
        return { roles: [], hasMore: false };
      },
    );
    app.post<Pages & { Body: Parameters<typeof queryAuthorizations>[2] }>(
      '/permissions/query/authorizations/grants',
      {
        schema: { body: bodySchema('EntityAuthorizationPermissionsQueryRequest') },
        config: policy(['CredentialsManage', 'CredentialsRead', 'PefInvoiceWrite']),
      },
      (request) => queryAuthorizations(ctx, authOf(request), request.body, ...pageOf(request)),
    );
    app.post<Pages & { Body: Parameters<typeof queryEuEntities>[2] | undefined }>(
      '/permissions/query/eu-entities/grants',
      {
        schema: { body: bodySchema('EuEntityPermissionsQueryRequest') },
        config: policy(['CredentialsManage', 'CredentialsRead', 'VatUeManage']),
      },
      (request) => queryEuEntities(ctx, authOf(request), request.body ?? {}, ...pageOf(request)),
    );
  },
};
