import { Initial1763870000000 } from './1763870000000-initial';
import { TenantsPeopleAccess1763880000000 } from './1763880000000-tenants-people-access';
import { DocumentsDirectionIndex1763890000000 } from './1763890000000-documents-direction-index';
import { DocumentsKeysetAndFolderCounts1763900000000 } from './1763900000000-documents-keyset-and-folder-counts';

export { APP_ROLE, grantAppRole } from './1763880000000-tenants-people-access';

/** Every migration in order; listed explicitly so sources and dist behave the same. */
export const migrations = [
  Initial1763870000000,
  TenantsPeopleAccess1763880000000,
  DocumentsDirectionIndex1763890000000,
  DocumentsKeysetAndFolderCounts1763900000000,
];
