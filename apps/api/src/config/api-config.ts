import type { ApiConfig } from '@bufor/config';

/** Injection token of the API's parsed configuration (parsed once in main.ts). */
export const API_CONFIG = Symbol('API_CONFIG');
export type { ApiConfig };
