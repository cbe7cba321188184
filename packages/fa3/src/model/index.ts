export * from './schema-node';
export * from './common.model';
export * from './party.model';
export * from './fa-annotations.model';
export * from './fa-line.model';
export * from './fa-settlement.model';
export * from './fa.model';
export * from './invoice.model';
