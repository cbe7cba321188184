export * from './nip';
export * from './ksef-number';
