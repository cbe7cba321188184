export * from './local-s3';
export * from './local-mail-catcher';
export * from './dev-services';
export * from './probe-dev-services';
