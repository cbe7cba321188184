import { Decimal } from './exact-decimal';
import { z } from 'zod';
import type { Address, BuyerId } from '../model/common.model';
import type { Fa } from '../model/fa.model';
import type { InvoiceLine } from '../model/fa-line.model';
import type { Invoice } from '../model/invoice.model';
import type { Buyer } from '../model/party.model';
import { InvoiceInputError } from './invoice-input.error';
import { type InvoiceInput, invoiceInputSchema, PAYMENT_FORM_CODES } from './invoice-input.schema';
import { money, roundGrosz, summaryFields, totalsPerRate } from './vat-totals';

const polish = z.locales.pl();

export interface InvoiceFromJsonOptions {
  /** DataWytworzeniaFa (default: now). */
  now?: Date;
}

/** Validates POS JSON input (throws `InvoiceInputError` with Polish messages) without building anything. */
export function parseInvoiceInput(input: unknown): InvoiceInput {
  const parsed = invoiceInputSchema.safeParse(input, { error: polish.localeError });
  if (parsed.success) return parsed.data;
  throw new InvoiceInputError(
    parsed.error.issues.map((i) => ({ path: jsonPath(i.path), code: i.code, message: i.message })),
  );
}

/**
 * Builds an FA(3) invoice from POS JSON: line values from quantity × price − discount (rounded to the grosz), VAT per
 * rate on the rate totals, P_13_x / P_14_x / P_15 filled in. The result validates against the FA(3) schema.
 */
export function invoiceFromJson(input: unknown, options: InvoiceFromJsonOptions = {}): Invoice {
  const data = parseInvoiceInput(input);
  const gross = data.pricing === 'gross';
  const plnRate = data.currency === 'PLN' ? undefined : new Decimal(data.exchangeRate!);
  const lineValues: { rate: InvoiceLine['P_12'] & string; value: Decimal }[] = [];
  const lines: InvoiceLine[] = data.lines.map((line, i) => {
    const value = roundGrosz(new Decimal(line.quantity).times(line.unitPrice).minus(line.discount ?? 0));
    lineValues.push({ rate: line.vatRate, value });
    return {
      NrWierszaFa: String(i + 1),
      P_7: line.name,
      ...(line.index ? { Indeks: line.index } : {}),
      ...(line.gtin ? { GTIN: line.gtin } : {}),
      ...(line.pkwiu ? { PKWiU: line.pkwiu } : {}),
      ...(line.cn ? { CN: line.cn } : {}),
      ...(line.unit ? { P_8A: line.unit } : {}),
      P_8B: line.quantity,
      ...(gross ? { P_9B: line.unitPrice } : { P_9A: line.unitPrice }),
      ...(line.discount ? { P_10: line.discount } : {}),
      ...(gross ? { P_11A: money(value) } : { P_11: money(value) }),
      P_12: line.vatRate,
      ...(line.gtu ? { GTU: line.gtu as InvoiceLine['GTU'] & string } : {}),
      ...(plnRate ? { KursWaluty: data.exchangeRate! } : {}),
    };
  });
  const { fields, gross: total } = summaryFields(totalsPerRate(lineValues, data.pricing), plnRate);
  const fa: Fa = {
    KodWaluty: data.currency,
    P_1: data.issueDate,
    ...(data.issuePlace ? { P_1M: data.issuePlace } : {}),
    P_2: data.number,
    ...(data.saleDate ? { P_6: data.saleDate } : {}),
    ...fields,
    P_15: money(total),
    Adnotacje: {
      P_16: flag(data.cashMethod),
      P_17: '2',
      P_18: flag(data.reverseCharge),
      P_18A: flag(data.splitPayment),
      Zwolnienie: data.exemptionBasis ? { P_19: '1', P_19A: data.exemptionBasis } : { P_19N: '1' },
      NoweSrodkiTransportu: { P_22N: '1' },
      P_23: '2',
      PMarzy: { P_PMarzyN: '1' },
    },
    RodzajFaktury: data.kind,
    ...correction(data),
    ...(data.notes?.length ? { DodatkowyOpis: data.notes.map((n) => ({ Klucz: n.key, Wartosc: n.value })) } : {}),
    FaWiersz: lines,
    ...payment(data),
  };
  return {
    Naglowek: {
      WariantFormularza: '3',
      DataWytworzeniaFa: (options.now ?? new Date()).toISOString(),
      ...(data.systemInfo ? { SystemInfo: data.systemInfo } : {}),
    },
    Podmiot1: {
      DaneIdentyfikacyjne: { NIP: data.seller.nip, Nazwa: data.seller.name },
      Adres: address(data.seller.address),
      ...contacts(data.seller),
    },
    Podmiot2: buyer(data.buyer),
    Fa: fa,
  };
}

function flag(value: boolean): '1' | '2' {
  return value ? '1' : '2';
}

function address(a: InvoiceInput['seller']['address']): Address {
  return { KodKraju: a.country, AdresL1: a.line1, ...(a.line2 ? { AdresL2: a.line2 } : {}) };
}

function contacts(party: { email?: string; phone?: string }): Pick<Buyer, 'DaneKontaktowe'> {
  if (!party.email && !party.phone) return {};
  return {
    DaneKontaktowe: [
      { ...(party.email ? { Email: party.email } : {}), ...(party.phone ? { Telefon: party.phone } : {}) },
    ],
  };
}

function buyer(b: InvoiceInput['buyer']): Buyer {
  let id: BuyerId;
  if (b.nip) id = { NIP: b.nip };
  else if (b.euVat) id = { KodUE: b.euVat.country as BuyerId['KodUE'] & string, NrVatUE: b.euVat.number };
  else if (b.foreignId)
    id = { ...(b.foreignId.country ? { KodKraju: b.foreignId.country } : {}), NrID: b.foreignId.id };
  else id = { BrakID: '1' };
  if (b.name) id.Nazwa = b.name;
  return {
    DaneIdentyfikacyjne: id,
    ...(b.address ? { Adres: address(b.address) } : {}),
    ...contacts(b),
    ...(b.customerNumber ? { NrKlienta: b.customerNumber } : {}),
    JST: flag(b.publicSectorUnit),
    GV: flag(b.vatGroupMember),
  };
}

function correction(data: InvoiceInput): Partial<Fa> {
  if (data.kind !== 'KOR' || !data.correction) return {};
  return {
    ...(data.correction.reason ? { PrzyczynaKorekty: data.correction.reason } : {}),
    DaneFaKorygowanej: data.correction.corrected.map((c) => ({
      DataWystFaKorygowanej: c.issueDate,
      NrFaKorygowanej: c.number,
      ...(c.ksefNumber ? { NrKSeF: '1' as const, NrKSeFFaKorygowanej: c.ksefNumber } : { NrKSeFN: '1' as const }),
    })),
  };
}

function payment(data: InvoiceInput): Partial<Fa> {
  const p = data.payment;
  if (!p) return {};
  return {
    Platnosc: {
      ...(p.paidOn ? { Zaplacono: '1' as const, DataZaplaty: p.paidOn } : {}),
      ...(p.dueDate ? { TerminPlatnosci: [{ Termin: p.dueDate }] } : {}),
      ...(p.form ? { FormaPlatnosci: PAYMENT_FORM_CODES[p.form] } : {}),
      ...(p.bankAccounts?.length
        ? {
            RachunekBankowy: p.bankAccounts.map((a) => ({
              NrRB: a.number.replace(/ /g, ''),
              ...(a.swift ? { SWIFT: a.swift } : {}),
              ...(a.bankName ? { NazwaBanku: a.bankName } : {}),
            })),
          }
        : {}),
    },
  };
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}
