import { storedInvoicesTable } from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';

/**
 * High-water mark of permanent storage: every invoice stored at or before it is already visible and none
 * will appear there later. It trails the clock by `permanentStorageLagMs` (storage writes in flight) and
 * never passes an invoice still waiting for permanent storage.
 */
export function permanentStorageHwm(ctx: SimulatorContext): number {
  const now = ctx.clock.now();
  let hwm = now - Math.max(0, ctx.options.permanentStorageLagMs);
  for (const invoice of storedInvoicesTable(ctx.store).values()) {
    if (invoice.permanentStorageDate > now && invoice.permanentStorageDate - 1 < hwm) {
      hwm = invoice.permanentStorageDate - 1;
    }
  }
  return hwm;
}
