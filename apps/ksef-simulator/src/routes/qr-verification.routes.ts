import { OFFICIAL_QR_HOSTS, verifyQrCode2, type QrCode2 } from '../services/qr-verification.service';
import type { RouteModule } from '../simulator-context';

/**
 * What the QR verification host (`qr-test.ksef.mf.gov.pl`) does for KOD II, served under `/qr` at the root:
 * `GET /qr/certificate/{ctxType}/{ctxValue}/{sellerNip}/{serial}/{hash}/{signature}` -> `{status, problems}`.
 * Links signed for the official hosts or for `{this host}/qr` are both accepted.
 */
export const qrVerificationRoutes: RouteModule = {
  name: 'qr-verification',
  scope: 'root',
  register(app, ctx) {
    app.get<{ Params: QrCode2 }>(
      '/qr/certificate/:contextType/:contextValue/:sellerNip/:certificateSerial/:invoiceHash/:signature',
      (request) => {
        const ownHost = `${request.headers.host ?? request.hostname}/qr`;
        return verifyQrCode2(ctx, request.params, [...OFFICIAL_QR_HOSTS, ownHost]);
      },
    );
  },
};
