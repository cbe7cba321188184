import DecimalBase from 'decimal.js';

/** decimal.js with enough precision for 16-digit amounts × 6-decimal quantities (the default 20 digits is not). */
export const Decimal = DecimalBase.clone({ precision: 60, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = DecimalBase;
