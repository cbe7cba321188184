import type { RouteModule } from '../simulator-context';
import { authRoutes } from './auth.routes';
import { securityRoutes } from './security.routes';
import { simControlRoutes } from './sim-control.routes';

/** Every route module; add yours here (see CONTRIBUTING.md). */
export const ROUTE_MODULES: RouteModule[] = [securityRoutes, authRoutes, simControlRoutes];
