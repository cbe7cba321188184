import { Initial1763870000000 } from './1763870000000-initial';

/** Every migration in order; listed explicitly so sources and dist behave the same. */
export const migrations = [Initial1763870000000];
