export * from './model';
export * from './xml';
export * from './kse';
export * from './qr';
export * from './pdf';
