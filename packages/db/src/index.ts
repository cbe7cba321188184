export * from './data-source';
export * from './entities';
export * from './migrate';
export * from './tenant-scope';
export { APP_ROLE, grantAppRole, migrations } from './migrations';
