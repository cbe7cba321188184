import { isoDateTime } from '../core/dates';
import type { RouteModule } from '../simulator-context';

/** GET /security/public-key-certificates: the simulator's own certificates for both usages. */
export const securityRoutes: RouteModule = {
  name: 'security',
  scope: 'ksef',
  register(app, ctx) {
    app.get('/security/public-key-certificates', { config: { ksef: { group: 'public', auth: 'none' } } }, () =>
      [ctx.keys.tokenEncryption, ctx.keys.symmetricKeyEncryption].map((key) => ({
        certificate: key.certificateDer.toString('base64'),
        certificateId: key.certificateId,
        publicKeyId: key.publicKeyId,
        validFrom: isoDateTime(key.validFrom),
        validTo: isoDateTime(key.validTo),
        usage: [key.usage],
      })),
    );
  },
};
