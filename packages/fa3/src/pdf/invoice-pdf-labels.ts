import { type InvoiceKind, type PaymentForm } from '../model/common.model';

export const INVOICE_KIND_LABELS: Readonly<Record<InvoiceKind, string>> = {
  VAT: 'Faktura podstawowa',
  KOR: 'Faktura korygująca',
  ZAL: 'Faktura zaliczkowa',
  ROZ: 'Faktura rozliczeniowa',
  UPR: 'Faktura uproszczona',
  KOR_ZAL: 'Faktura korygująca fakturę zaliczkową',
  KOR_ROZ: 'Faktura korygująca fakturę rozliczeniową',
};

export const PAYMENT_FORM_LABELS: Readonly<Record<PaymentForm, string>> = {
  '1': 'Gotówka',
  '2': 'Karta',
  '3': 'Bon',
  '4': 'Czek',
  '5': 'Kredyt',
  '6': 'Przelew',
  '7': 'Mobilna',
};

export const THIRD_PARTY_ROLE_LABELS: Readonly<Record<string, string>> = {
  '1': 'Faktor',
  '2': 'Odbiorca',
  '3': 'Podmiot pierwotny',
  '4': 'Dodatkowy nabywca',
  '5': 'Wystawca faktury',
  '6': 'Dokonujący płatności',
  '7': 'JST - wystawca',
  '8': 'JST - odbiorca',
  '9': 'Członek grupy VAT - wystawca',
  '10': 'Członek grupy VAT - odbiorca',
  '11': 'Pracownik',
};

/** Rows of the VAT summary: which P_13_x / P_14_x pair holds which rate. */
export const VAT_SUMMARY_ROWS = [
  { net: 'P_13_1', vat: 'P_14_1', label: '23% lub 22%', rates: ['23', '22'] },
  { net: 'P_13_2', vat: 'P_14_2', label: '8% lub 7%', rates: ['8', '7'] },
  { net: 'P_13_3', vat: 'P_14_3', label: '5%', rates: ['5'] },
  { net: 'P_13_4', vat: 'P_14_4', label: '4% lub 3%', rates: ['4', '3'] },
  { net: 'P_13_5', vat: 'P_14_5', label: 'procedura OSS', rates: [] },
  { net: 'P_13_6_1', vat: null, label: '0% (sprzedaż krajowa)', rates: [] },
  { net: 'P_13_6_2', vat: null, label: '0% (WDT)', rates: [] },
  { net: 'P_13_6_3', vat: null, label: '0% (eksport)', rates: [] },
  { net: 'P_13_7', vat: null, label: 'zwolnione z opodatkowania', rates: [] },
  { net: 'P_13_8', vat: null, label: 'np. z wyłączeniem art. 100 ust. 1 pkt 4', rates: [] },
  { net: 'P_13_9', vat: null, label: 'np. na podstawie art. 100 ust. 1 pkt 4', rates: [] },
  { net: 'P_13_10', vat: null, label: 'odwrotne obciążenie', rates: [] },
  { net: 'P_13_11', vat: null, label: 'marża', rates: [] },
] as const;

/** P_12 as printed in the lines table. */
export function vatRateLabel(rate: string | undefined): string {
  if (rate === undefined) return '';
  if (/^\d+$/.test(rate)) return `${rate}%`;
  return SPECIAL_RATE_LABELS[rate] ?? rate;
}

const SPECIAL_RATE_LABELS: Readonly<Record<string, string>> = {
  '0 KR': '0%',
  '0 WDT': '0% WDT',
  '0 EX': '0% eksport',
  zw: 'zw',
  oo: 'oo',
  'np I': 'np',
  'np II': 'np',
};
