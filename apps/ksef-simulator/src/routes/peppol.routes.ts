import { intParam } from '../core/paging';
import type { RouteModule } from '../simulator-context';

/** `GET /peppol/query`: registered Peppol service providers (none are registered in the simulator). */
export const peppolRoutes: RouteModule = {
  name: 'peppol',
  scope: 'ksef',
  register(app) {
    app.get<{ Querystring: { pageOffset?: string; pageSize?: string } }>(
      '/peppol/query',
      { config: { ksef: { group: 'public', auth: 'none' } } },
      (request) => {
        intParam(request.query.pageOffset, 'pageOffset', 0, 1_000_000, 0);
        intParam(request.query.pageSize, 'pageSize', 10, 100, 10);
        return { peppolProviders: [], hasMore: false };
      },
    );
  },
};
