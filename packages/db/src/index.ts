export * from './data-source';
export * from './entities';
export * from './migrate';
export * from './tenant-scope';
export { migrations } from './migrations';
