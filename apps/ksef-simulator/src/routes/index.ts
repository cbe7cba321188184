import type { RouteModule } from '../simulator-context';
import { authRoutes } from './auth.routes';
import { batchSessionRoutes, batchStorageRoutes } from './batch-session.routes';
import { onlineSessionRoutes } from './online-session.routes';
import { sessionsRoutes } from './sessions.routes';
import { upoStorageRoutes } from './upo-storage.routes';
import { exportStorageRoutes } from './export-storage.routes';
import { invoicesQueryRoutes } from './invoices-query.routes';
import { tokensRoutes } from './tokens.routes';
import { limitsRoutes } from './limits.routes';
import { testdataRoutes } from './testdata.routes';
import { certificatesRoutes } from './certificates.routes';
import { qrVerificationRoutes } from './qr-verification.routes';
import { permissionsRoutes } from './permissions.routes';
import { peppolRoutes } from './peppol.routes';
import { securityRoutes } from './security.routes';
import { simControlRoutes } from './sim-control.routes';

/** Every route module; add yours here (see CONTRIBUTING.md). */
export const ROUTE_MODULES: RouteModule[] = [
  securityRoutes,
  authRoutes,
  onlineSessionRoutes,
  batchSessionRoutes,
  batchStorageRoutes,
  sessionsRoutes,
  upoStorageRoutes,
  simControlRoutes,
  invoicesQueryRoutes,
  exportStorageRoutes,
  tokensRoutes,
  limitsRoutes,
  testdataRoutes,
  certificatesRoutes,
  qrVerificationRoutes,
  permissionsRoutes,
  peppolRoutes,
];
