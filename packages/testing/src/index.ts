export * from './builders';
export * from './test-context';
export * from './test-database';
export * from './test-env';
export * from './people-builders';
export * from './access-builders';
export * from './ksef-builders';
