import type { ContextIdentifier } from '../domain/identifiers';
import { bodySchema } from '../openapi/openapi-schemas';
import {
  allowAttachments,
  createPerson,
  createSubject,
  grantTestPermissions,
  removePerson,
  removeSubject,
  revokeAttachments,
  revokeTestPermissions,
  setContextBlocked,
  type PersonCreateBody,
  type SubjectCreateBody,
  type TestPermissionsBody,
} from '../services/testdata.service';
import type { RouteModule } from '../simulator-context';

const PUBLIC = { ksef: { group: 'public', auth: 'none' } } as const;
// Context block/unblock take no bearer but are counted like other protected endpoints (10/30/120).
const UNAUTHENTICATED_OTHER = { ksef: { group: 'other', auth: 'none' } } as const;

/** TEST-only test-data endpoints (SPEC-NOTES §17); limits and rate-limit overrides live in limits.routes.ts. */
export const testdataRoutes: RouteModule = {
  name: 'testdata',
  scope: 'ksef',
  register(app, ctx) {
    app.post<{ Body: SubjectCreateBody }>(
      '/testdata/subject',
      { schema: { body: bodySchema('SubjectCreateRequest') }, config: PUBLIC },
      (request, reply) => {
        createSubject(ctx, request.body);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: { subjectNip: string } }>(
      '/testdata/subject/remove',
      { schema: { body: bodySchema('SubjectRemoveRequest') }, config: PUBLIC },
      (request, reply) => {
        removeSubject(ctx, request.body.subjectNip);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: PersonCreateBody }>(
      '/testdata/person',
      { schema: { body: bodySchema('PersonCreateRequest') }, config: PUBLIC },
      (request, reply) => {
        createPerson(ctx, request.body);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: { nip: string } }>(
      '/testdata/person/remove',
      { schema: { body: bodySchema('PersonRemoveRequest') }, config: PUBLIC },
      (request, reply) => {
        removePerson(ctx, request.body.nip);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: TestPermissionsBody }>(
      '/testdata/permissions',
      { schema: { body: bodySchema('TestDataPermissionsGrantRequest') }, config: PUBLIC },
      (request, reply) => {
        grantTestPermissions(ctx, request.body);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: TestPermissionsBody }>(
      '/testdata/permissions/revoke',
      { schema: { body: bodySchema('TestDataPermissionsRevokeRequest') }, config: PUBLIC },
      (request, reply) => {
        revokeTestPermissions(ctx, request.body);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: { nip: string } }>(
      '/testdata/attachment',
      { schema: { body: bodySchema('AttachmentPermissionGrantRequest') }, config: PUBLIC },
      (request, reply) => {
        allowAttachments(ctx, request.body.nip);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: { nip: string; expectedEndDate?: string | null } }>(
      '/testdata/attachment/revoke',
      { schema: { body: bodySchema('AttachmentPermissionRevokeRequest') }, config: PUBLIC },
      (request, reply) => {
        revokeAttachments(ctx, request.body.nip, request.body.expectedEndDate);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: { contextIdentifier?: ContextIdentifier | null } | undefined }>(
      '/testdata/context/block',
      { schema: { body: bodySchema('BlockContextAuthenticationRequest') }, config: UNAUTHENTICATED_OTHER },
      (request, reply) => {
        setContextBlocked(ctx, request.body?.contextIdentifier, true);
        return reply.code(200).send();
      },
    );
    app.post<{ Body: { contextIdentifier?: ContextIdentifier | null } | undefined }>(
      '/testdata/context/unblock',
      { schema: { body: bodySchema('UnblockContextAuthenticationRequest') }, config: UNAUTHENTICATED_OTHER },
      (request, reply) => {
        setContextBlocked(ctx, request.body?.contextIdentifier, false);
        return reply.code(200).send();
      },
    );
  },
};
