import { z } from 'zod';
import { VAT_RATES } from '../model/common.model';

/*
 * JSON input for POS systems that cannot produce FA(3) XML. Money and quantities are decimal strings
 * ("12.30"); JSON numbers are accepted too and converted through their shortest decimal form, but strings are
 * recommended because binary floats cannot hold most prices exactly.
 */

const decimal = (fractionDigits: number, description: string) =>
  z
    .union([
      z.string().regex(new RegExp(`^-?\\d{1,16}(\\.\\d{1,${fractionDigits}})?$`), {
        error: `Oczekiwano liczby dziesiętnej z najwyżej ${fractionDigits} miejscami po kropce, np. "12.30".`,
      }),
      z.number().finite(),
    ])
    .transform((value) => (typeof value === 'number' ? String(value) : value))
    .pipe(
      z.string().regex(new RegExp(`^-?\\d{1,16}(\\.\\d{1,${fractionDigits}})?$`), {
        error: `Liczba ma więcej niż ${fractionDigits} miejsc po przecinku lub zły format.`,
      }),
    )
    .describe(description);

const date = (description: string) =>
  z.iso.date({ error: 'Oczekiwano daty w formacie RRRR-MM-DD.' }).describe(description);

const nip = z
  .string()
  .regex(/^\d{10}$/, { error: 'NIP to 10 cyfr bez kresek i spacji.' })
  .describe('Polish tax id (NIP), 10 digits');

const text = (max: number, description: string) =>
  z.string().trim().min(1, { error: 'Pole nie może być puste.' }).max(max).describe(description);

export const addressInputSchema = z
  .object({
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('PL')
      .describe('ISO 3166 country code (KodKraju)'),
    line1: text(512, 'street and number (AdresL1)'),
    line2: text(512, 'postcode and city (AdresL2)').optional(),
  })
  .describe('Address (TAdres)');

const contact = {
  email: z.email({ error: 'Niepoprawny adres e-mail.' }).optional().describe('e-mail (DaneKontaktowe/Email)'),
  phone: text(256, 'phone (DaneKontaktowe/Telefon)').optional(),
};

export const sellerInputSchema = z
  .object({ nip, name: text(512, 'seller name'), address: addressInputSchema, ...contact })
  .describe('Seller (Podmiot1)');

export const buyerInputSchema = z
  .object({
    nip: nip.optional(),
    euVat: z
      .object({ country: z.string().regex(/^[A-Z]{2}$/), number: z.string().regex(/^[0-9A-Z+*]{1,12}$/) })
      .optional()
      .describe('EU VAT number (KodUE + NrVatUE)'),
    foreignId: z
      .object({
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        id: text(50, 'tax id'),
      })
      .optional()
      .describe('Other tax id (KodKraju + NrID)'),
    name: text(512, 'buyer name').optional(),
    address: addressInputSchema.optional(),
    customerNumber: text(256, 'customer number (NrKlienta)').optional(),
    publicSectorUnit: z.boolean().default(false).describe('JST subunit (JST)'),
    vatGroupMember: z.boolean().default(false).describe('VAT group member (GV)'),
    ...contact,
  })
  .refine((b) => [b.nip, b.euVat, b.foreignId].filter((x) => x !== undefined).length <= 1, {
    error: 'Podaj najwyżej jeden identyfikator nabywcy: nip, euVat albo foreignId.',
  })
  .describe('Buyer (Podmiot2); with no identifier the invoice says BrakID (consumer)');

export const lineInputSchema = z
  .object({
    name: text(512, 'goods or service name (P_7)'),
    unit: text(256, 'unit of measure (P_8A)').optional(),
    quantity: decimal(6, 'quantity (P_8B)'),
    unitPrice: decimal(8, 'unit price: net (P_9A) or gross (P_9B), depending on `pricing`'),
    discount: decimal(2, 'discount amount for the line (P_10), in the same pricing as unitPrice').optional(),
    vatRate: z.enum(VAT_RATES, { error: `Stawka VAT musi być jedną z: ${VAT_RATES.join(', ')}.` }).describe('P_12'),
    gtu: z
      .string()
      .regex(/^GTU_(0[1-9]|1[0-3])$/)
      .optional()
      .describe('GTU code'),
    index: text(50, 'internal product code (Indeks)').optional(),
    gtin: text(20, 'GTIN / EAN (GTIN)').optional(),
    pkwiu: text(50, 'PKWiU').optional(),
    cn: text(50, 'CN').optional(),
  })
  .describe('Invoice line (FaWiersz)');

export const PAYMENT_FORM_CODES = {
  cash: '1',
  card: '2',
  voucher: '3',
  cheque: '4',
  credit: '5',
  transfer: '6',
  mobile: '7',
} as const;

export const paymentInputSchema = z
  .object({
    form: z.enum(Object.keys(PAYMENT_FORM_CODES) as [keyof typeof PAYMENT_FORM_CODES]).optional(),
    dueDate: date('payment due date (TerminPlatnosci/Termin)').optional(),
    paidOn: date('date paid in full (Zaplacono + DataZaplaty)').optional(),
    bankAccounts: z
      .array(
        z.object({
          number: z.string().regex(/^[0-9A-Z ]{10,40}$/, { error: 'Niepoprawny numer rachunku.' }),
          swift: z
            .string()
            .regex(/^[A-Z0-9]{8,11}$/)
            .optional(),
          bankName: text(256, 'bank name').optional(),
        }),
      )
      .max(100)
      .optional(),
  })
  .describe('Payment (Platnosc)');

export const invoiceInputSchema = z
  .object({
    kind: z.enum(['VAT', 'KOR', 'UPR']).default('VAT').describe('RodzajFaktury'),
    number: text(256, 'invoice number (P_2)'),
    issueDate: date('issue date (P_1)'),
    issuePlace: text(256, 'place of issue (P_1M)').optional(),
    saleDate: date('date of supply, when different from the issue date (P_6)').optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('PLN')
      .describe('ISO 4217 currency (KodWaluty)'),
    exchangeRate: decimal(6, 'PLN per unit of currency, required for a foreign currency (KursWaluty)').optional(),
    pricing: z
      .enum(['net', 'gross'])
      .default('net')
      .describe('net: unitPrice is net, VAT computed on net totals; gross: unitPrice is gross (art. 106e ust. 7)'),
    seller: sellerInputSchema,
    buyer: buyerInputSchema,
    lines: z.array(lineInputSchema).min(1, { error: 'Faktura musi mieć co najmniej jeden wiersz.' }).max(10_000),
    payment: paymentInputSchema.optional(),
    splitPayment: z.boolean().default(false).describe('mechanizm podzielonej płatności (P_18A)'),
    cashMethod: z.boolean().default(false).describe('metoda kasowa (P_16)'),
    reverseCharge: z.boolean().default(false).describe('odwrotne obciążenie (P_18)'),
    exemptionBasis: text(256, 'legal basis of the exemption, required with "zw" lines (P_19A)').optional(),
    correction: z
      .object({
        reason: text(256, 'reason (PrzyczynaKorekty)').optional(),
        corrected: z
          .array(
            z.object({
              number: text(256, 'corrected invoice number'),
              issueDate: date('corrected invoice issue date'),
              ksefNumber: z.string().optional().describe('KSeF number of the corrected invoice, if it has one'),
            }),
          )
          .min(1),
      })
      .optional()
      .describe('Required for kind KOR: the invoices corrected; lines then hold the differences'),
    notes: z
      .array(z.object({ key: text(256, 'key'), value: text(256, 'value') }))
      .optional()
      .describe('Additional descriptions (DodatkowyOpis)'),
    systemInfo: text(256, 'issuing system (SystemInfo)').optional(),
  })
  .refine((i) => i.kind !== 'KOR' || i.correction !== undefined, {
    error: 'Faktura korygująca wymaga pola correction.',
    path: ['correction'],
  })
  .refine((i) => i.currency === 'PLN' || i.exchangeRate !== undefined, {
    error: 'Dla waluty obcej podaj exchangeRate (kurs PLN).',
    path: ['exchangeRate'],
  })
  .refine((i) => !i.lines.some((l) => l.vatRate === 'zw') || i.exemptionBasis !== undefined, {
    error: 'Wiersze ze stawką "zw" wymagają podstawy zwolnienia (exemptionBasis).',
    path: ['exemptionBasis'],
  })
  .describe('Bufor invoice input: the JSON a POS system sends instead of FA(3) XML');

/** The JSON accepted by `invoiceFromJson` (after defaults are applied). */
export type InvoiceInput = z.output<typeof invoiceInputSchema>;
/** What a client may send (defaults may be omitted). */
export type InvoiceInputJson = z.input<typeof invoiceInputSchema>;
