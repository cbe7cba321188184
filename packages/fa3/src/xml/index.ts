export * from './invoice-builder';
