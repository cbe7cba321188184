import { isValidKsefNumber } from '../ids/ksef-number';
import type { Invoice } from '../model/invoice.model';
import { OSS_BUCKET, SUMMARY_FIELDS, VAT_BUCKETS, type VatBucket } from '../model/vat-buckets';
import type { Fa } from '../model/fa.model';
import { step } from './issue-path';
import { issue, type ValidationIssue } from './validation-issue';
import { checkLines, lineBucket, lineSign } from './business-line-rules';
import { abs, fixed, formatAmount, percentToGrosz } from './fixed-decimal';

const CORRECTIONS = new Set(['KOR', 'KOR_ZAL', 'KOR_ROZ']);
const SETTLEMENTS = new Set(['ROZ', 'KOR_ROZ']);
/** Kinds whose lines describe the whole supply, so the lines must add up to the per-rate sums. */
const LINE_SUMMED = new Set(['VAT', 'KOR', 'UPR']);
const FA = 'Faktura/Fa';

/** Business consistency (layer c). Everything here is a warning: KSeF accepts such invoices. */
export function checkBusinessRules(invoice: Invoice): ValidationIssue[] {
  const fa = invoice.Fa;
  const summed = LINE_SUMMED.has(fa.RodzajFaktury) && (fa.FaWiersz?.length ?? 0) > 0;
  const totals = summed ? lineTotals(fa) : undefined;
  return [
    ...checkLines(fa),
    ...(totals ? checkLineSums(fa, totals) : []),
    ...checkTotals(fa, totals),
    ...checkCorrections(fa),
    ...checkDates(fa),
  ];
}

function warn(code: string, path: string, message: string): ValidationIssue {
  return issue('business', 'warning', code, path, message);
}

function amount(fa: Fa, field: keyof Fa): bigint {
  return fixed(fa[field] as string | undefined) ?? 0n;
}

interface RateSums {
  net: bigint;
  vat: bigint;
}

/**
 * Net and tax per Fa net field and per percentage, from the lines. Net-priced lines (P_11) are summed and taxed per
 * rate; gross-priced lines (only P_11A) are converted per rate: tax = gross × p / (100 + p), net = gross − tax.
 */
function lineTotals(fa: Fa): Map<string, Map<number, RateSums>> {
  const nets = new Map<string, Map<number, { net: bigint; gross: bigint }>>();
  for (const line of fa.FaWiersz ?? []) {
    const bucket = lineBucket(line);
    if (!bucket) continue;
    const percent = line.P_12 ? VAT_BUCKETS[line.P_12].percent : Number(line.P_12_XII ?? 0);
    const perRate = nets.get(bucket.net) ?? new Map<number, { net: bigint; gross: bigint }>();
    const sums = perRate.get(percent) ?? { net: 0n, gross: 0n };
    const sign = lineSign(fa, line);
    const net = fixed(line.P_11);
    const gross = fixed(line.P_11A);
    if (net !== undefined) sums.net += net * sign;
    else if (gross !== undefined) sums.gross += gross * sign;
    perRate.set(percent, sums);
    nets.set(bucket.net, perRate);
  }
  const result = new Map<string, Map<number, RateSums>>();
  for (const [field, perRate] of nets) {
    const totals = new Map<number, RateSums>();
    for (const [percent, { net, gross }] of perRate) {
      // OSS rates (P_12_XII) may be fractional: work in hundredths of a percent to stay integral.
      const hundredths = Math.round(percent * 100);
      const grossTax = percentToGrosz(gross, hundredths, 10_000 + hundredths);
      const netTax = percentToGrosz(net, hundredths, 10_000);
      totals.set(percent, { net: net + gross - grossTax, vat: netTax + grossTax });
    }
    result.set(field, totals);
  }
  return result;
}

function sumOf(perRate: Map<number, RateSums> | undefined, key: keyof RateSums): bigint {
  let sum = 0n;
  for (const sums of perRate?.values() ?? []) sum += sums[key];
  return sum;
}

function checkLineSums(fa: Fa, totals: Map<string, Map<number, RateSums>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const fields = new Set<string>([...Object.values(VAT_BUCKETS), OSS_BUCKET].map((b) => b.net));
  for (const field of fields) {
    const declared = amount(fa, field as keyof Fa);
    const perRate = totals.get(field);
    const expected = sumOf(perRate, 'net');
    if (declared === expected) continue;
    const message = perRate
      ? `Suma wartości netto wierszy (${formatAmount(expected)}) różni się od ${field} (${formatAmount(declared)}).`
      : `${field} (${formatAmount(declared)}) nie ma odpowiadających wierszy.`;
    issues.push(warn('BIZ_NET_SUM_MISMATCH', `${FA}/${field}`, message));
  }
  return issues;
}

/** P_14_x against P_13_x × rate (per-rate sums from the lines when known), and P_15 against all P_13_x + P_14_x. */
function checkTotals(fa: Fa, totals: Map<string, Map<number, RateSums>> | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const lineCount = fa.FaWiersz?.length ?? 0;
  const candidates = new Map<string, { bucket: VatBucket; percents: number[] }>();
  for (const bucket of Object.values(VAT_BUCKETS)) {
    if (!bucket.vat || bucket.percent === 0) continue;
    const entry = candidates.get(bucket.net) ?? { bucket, percents: [] };
    entry.percents.push(bucket.percent);
    candidates.set(bucket.net, entry);
  }
  // One grosz covers rounding of the total (also gross-priced totals, where net = gross − tax); per-line rounding
  // may drift by up to half a grosz per line.
  const tolerance = BigInt(Math.max(2, lineCount)) * 500_000n; // half a grosz at fixed-decimal scale, ≥ 1 grosz
  for (const { bucket, percents } of candidates.values()) {
    if (fa[bucket.net] === undefined || !bucket.vat) continue;
    const net = amount(fa, bucket.net);
    const vat = amount(fa, bucket.vat);
    const perRate = totals?.get(bucket.net);
    const ok = perRate
      ? abs(sumOf(perRate, 'vat') - vat) <= tolerance
      : percents.some((p) => abs(percentToGrosz(net, p) - vat) <= tolerance);
    if (!ok) {
      issues.push(
        warn(
          'BIZ_VAT_AMOUNT_MISMATCH',
          `${FA}/${bucket.vat}`,
          `Kwota podatku ${bucket.vat} (${formatAmount(vat)}) nie odpowiada stawce ${percents.join(' / ')}% od ${bucket.net} (${formatAmount(net)}).`,
        ),
      );
    }
  }
  if (SUMMARY_FIELDS.some((f) => fa[f] !== undefined)) {
    const sum = SUMMARY_FIELDS.reduce((acc, f) => acc + amount(fa, f), 0n);
    const total = amount(fa, 'P_15');
    if (sum !== total) {
      issues.push(
        warn(
          'BIZ_TOTAL_MISMATCH',
          `${FA}/P_15`,
          `Kwota należności ogółem P_15 (${formatAmount(total)}) różni się od sumy kwot netto i podatku (${formatAmount(sum)}).`,
        ),
      );
    }
  }
  return issues;
}

function checkCorrections(fa: Fa): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const corrected = fa.DaneFaKorygowanej ?? [];
  const isCorrection = CORRECTIONS.has(fa.RodzajFaktury);
  if (isCorrection && corrected.length === 0) {
    issues.push(
      warn(
        'BIZ_CORRECTION_REFERENCE_MISSING',
        `${FA}/DaneFaKorygowanej`,
        'Faktura korygująca nie wskazuje faktury korygowanej (DaneFaKorygowanej).',
      ),
    );
  }
  if (!isCorrection && corrected.length > 0) {
    issues.push(
      warn(
        'BIZ_CORRECTION_REFERENCE_UNEXPECTED',
        `${FA}/DaneFaKorygowanej`,
        `Faktura rodzaju ${fa.RodzajFaktury} nie powinna zawierać danych faktury korygowanej.`,
      ),
    );
  }
  if (isCorrection && fa.PrzyczynaKorekty === undefined) {
    issues.push(warn('BIZ_CORRECTION_REASON_MISSING', `${FA}/PrzyczynaKorekty`, 'Nie podano przyczyny korekty.'));
  }
  corrected.forEach((ref, i) => {
    const path = `${FA}/${step('DaneFaKorygowanej', i, corrected.length)}`;
    if (ref.NrKSeFFaKorygowanej !== undefined && !isValidKsefNumber(ref.NrKSeFFaKorygowanej)) {
      issues.push(
        warn(
          'BIZ_KSEF_NUMBER_INVALID',
          `${path}/NrKSeFFaKorygowanej`,
          `Numer KSeF faktury korygowanej ${ref.NrKSeFFaKorygowanej} ma niepoprawną sumę kontrolną lub format.`,
        ),
      );
    }
    if (ref.DataWystFaKorygowanej > fa.P_1) {
      issues.push(
        warn(
          'BIZ_DATE_ORDER',
          `${path}/DataWystFaKorygowanej`,
          `Faktura korygowana (${ref.DataWystFaKorygowanej}) jest późniejsza niż korekta (${fa.P_1}).`,
        ),
      );
    }
  });
  const advances = fa.FakturaZaliczkowa ?? [];
  if (SETTLEMENTS.has(fa.RodzajFaktury) && advances.length === 0) {
    issues.push(
      warn(
        'BIZ_ADVANCE_REFERENCE_MISSING',
        `${FA}/FakturaZaliczkowa`,
        'Faktura rozliczeniowa nie wskazuje faktur zaliczkowych (FakturaZaliczkowa).',
      ),
    );
  }
  advances.forEach((ref, i) => {
    if (ref.NrKSeFFaZaliczkowej !== undefined && !isValidKsefNumber(ref.NrKSeFFaZaliczkowej)) {
      issues.push(
        warn(
          'BIZ_KSEF_NUMBER_INVALID',
          `${FA}/${step('FakturaZaliczkowa', i, advances.length)}/NrKSeFFaZaliczkowej`,
          `Numer KSeF faktury zaliczkowej ${ref.NrKSeFFaZaliczkowej} ma niepoprawną sumę kontrolną lub format.`,
        ),
      );
    }
  });
  return issues;
}

function checkDates(fa: Fa): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (fa.OkresFa && fa.OkresFa.P_6_Od > fa.OkresFa.P_6_Do) {
    issues.push(
      warn(
        'BIZ_DATE_ORDER',
        `${FA}/OkresFa/P_6_Do`,
        'Koniec okresu (P_6_Do) jest wcześniejszy niż jego początek (P_6_Od).',
      ),
    );
  }
  if (fa.P_6 !== undefined && daysBetween(fa.P_1, fa.P_6) > 60) {
    issues.push(
      warn(
        'BIZ_ISSUED_TOO_EARLY',
        `${FA}/P_1`,
        `Faktura wystawiona (${fa.P_1}) ponad 60 dni przed dostawą lub wykonaniem usługi (${fa.P_6}).`,
      ),
    );
  }
  const terms = fa.Platnosc?.TerminPlatnosci ?? [];
  terms.forEach((term, i) => {
    if (term.Termin !== undefined && term.Termin < fa.P_1) {
      issues.push(
        warn(
          'BIZ_DUE_BEFORE_ISSUE',
          `${FA}/Platnosc/${step('TerminPlatnosci', i, terms.length)}/Termin`,
          `Termin płatności ${term.Termin} jest wcześniejszy niż data wystawienia ${fa.P_1}.`,
        ),
      );
    }
  });
  return issues;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}
