export * from './model';
export * from './xml';
export * from './validation';
export * from './json';
export * from './ids';
export * from './kse';
export * from './qr';
export * from './pdf';
