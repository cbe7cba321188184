import { isValidNip } from '../ids/nip';
import type { Invoice } from '../model/invoice.model';
import { step, warsawDate } from './issue-path';
import { issue, type ValidationIssue } from './validation-issue';

/** Same values as the QR module's KsefEnvironment; NIP checksums are enforced on PRD only. */
export type ValidationEnvironment = 'PRD' | 'DEMO' | 'TEST' | 'SIM';

export interface KsefRuleOptions {
  /** NIP checksums are enforced on PRD only; elsewhere they are reported as warnings. Default 'PRD'. */
  environment?: ValidationEnvironment;
  /** The moment KSeF would accept the document (default: now). */
  now?: Date;
}

/** Every NIP in the invoice with its path. */
export function partyNips(invoice: Invoice): { path: string; nip: string }[] {
  const found: { path: string; nip: string }[] = [];
  const add = (path: string, nip: string | undefined) => {
    if (nip !== undefined) found.push({ path: `${path}/DaneIdentyfikacyjne/NIP`, nip });
  };
  add('Faktura/Podmiot1', invoice.Podmiot1.DaneIdentyfikacyjne.NIP);
  add('Faktura/Podmiot2', invoice.Podmiot2.DaneIdentyfikacyjne.NIP);
  const third = invoice.Podmiot3 ?? [];
  third.forEach((p, i) => add(`Faktura/${step('Podmiot3', i, third.length)}`, p.DaneIdentyfikacyjne.NIP));
  add('Faktura/PodmiotUpowazniony', invoice.PodmiotUpowazniony?.DaneIdentyfikacyjne.NIP);
  add('Faktura/Fa/Podmiot1K', invoice.Fa.Podmiot1K?.DaneIdentyfikacyjne.NIP);
  const buyersK = invoice.Fa.Podmiot2K ?? [];
  buyersK.forEach((p, i) => add(`Faktura/Fa/${step('Podmiot2K', i, buyersK.length)}`, p.DaneIdentyfikacyjne.NIP));
  const transports = invoice.Fa.WarunkiTransakcji?.Transport ?? [];
  transports.forEach((t, i) => {
    const nip = t.Przewoznik?.DaneIdentyfikacyjne.NIP;
    if (nip !== undefined) {
      found.push({
        path: `Faktura/Fa/WarunkiTransakcji/${step('Transport', i, transports.length)}/Przewoznik/DaneIdentyfikacyjne/NIP`,
        nip,
      });
    }
  });
  return found;
}

/** Model-level KSeF rules (layer b): P_1 not in the future, NIP checksums of every party. */
export function checkKsefInvoiceRules(invoice: Invoice, options: KsefRuleOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const today = warsawDate(options.now ?? new Date());
  if (invoice.Fa.P_1 > today) {
    issues.push(
      issue(
        'ksef',
        'error',
        'KSEF_P1_IN_FUTURE',
        'Faktura/Fa/P_1',
        `Data wystawienia ${invoice.Fa.P_1} jest późniejsza niż data przyjęcia przez KSeF (${today}).`,
      ),
    );
  }
  const severity = (options.environment ?? 'PRD') === 'PRD' ? 'error' : 'warning';
  for (const { path, nip } of partyNips(invoice)) {
    if (!isValidNip(nip)) {
      issues.push(issue('ksef', severity, 'KSEF_NIP_CHECKSUM', path, `NIP ${nip} ma niepoprawną cyfrę kontrolną.`));
    }
  }
  return issues;
}
