"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.kseDocumentArbitrary = exports.nip = exports.polishWords = void 0;
const fast_check_1 = __importDefault(require("fast-check"));
const decimal_js_1 = __importDefault(require("decimal.js"));
const kse_1 = require("../../src/kse");
/**
 * fast-check generators of KSE documents whose amounts add up the way the legacy system writes them.
 * Test-only: imported by specs, outside src so it never reaches dist.
 */
const WORDS = [
    'Łódź', 'Żółć', 'gęśli', 'Świętokrzyska', 'Przedsiębiorstwo', 'Usługowe', 'Zakład', 'Spółka', 'źródło', 'Ćwikła',
    'Ślęża', 'żurek', 'łąka', 'Gdańsk', 'Kraków', 'Wrocław', 'Bożena', 'Jędrzej', 'mąka', 'cukier', 'chleb', 'róża',
    'ŻABKA', 'Rzeszów', 'Poznań', 'Handel', 'Hurt', 'Detal', 'Nowak', 'Kowalska', 'masło', 'jabłka', 'węgiel',
]; // prettier-ignore
const polishWords = (max) => fast_check_1.default.array(fast_check_1.default.constantFrom(...WORDS), { minLength: 1, maxLength: max }).map((words) => words.join(' '));
exports.polishWords = polishWords;
const isoDate = fast_check_1.default
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2049-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
/** Valid NIP: nine digits, then the weighted checksum (retry when it is 10). */
exports.nip = fast_check_1.default
    .array(fast_check_1.default.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
    .map((digits) => {
    const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    const check = digits.reduce((sum, digit, i) => sum + digit * weights[i], 0) % 11;
    return { digits: digits.join(''), check };
})
    .filter(({ digits, check }) => check !== 10 && digits[0] !== '0')
    .map(({ digits, check }) => `${digits}${check}`);
const RATE_PERCENT = { '23': 23, '8': 8, '5': 5, '0': 0, zw: 0 };
const itemArbitrary = (negative) => fast_check_1.default
    .record({
    barcode: fast_check_1.default.constantFrom('', '5901234123457', '5900000000017'),
    gtu: fast_check_1.default.constantFrom('', 'GTU_01', 'GTU_12'),
    name: (0, exports.polishWords)(4),
    classification: fast_check_1.default.constantFrom('', '10.71.11.0', '22030001'),
    unit: fast_check_1.default.constantFrom('szt.', 'kg', 'godz.', 'usł.'),
    quantity: fast_check_1.default.integer({ min: 1, max: 500 }),
    unitPriceCents: fast_check_1.default.integer({ min: 1, max: 1_000_000 }),
    vatRate: fast_check_1.default.constantFrom(...kse_1.KSE_VAT_RATES),
})
    .map((draw) => {
    const sign = negative ? -1 : 1;
    const quantity = new decimal_js_1.default(draw.quantity).times(sign);
    const unitPrice = new decimal_js_1.default(draw.unitPriceCents).div(100);
    const net = unitPrice.times(quantity).toDecimalPlaces(2, decimal_js_1.default.ROUND_HALF_UP);
    const vat = net.times(RATE_PERCENT[draw.vatRate]).div(100).toDecimalPlaces(2, decimal_js_1.default.ROUND_HALF_UP);
    return {
        barcode: draw.barcode,
        gtu: draw.gtu,
        name: draw.name,
        classification: draw.classification,
        unit: draw.unit,
        quantity: quantity.toString(),
        netValue: net.toFixed(2),
        vatRate: draw.vatRate,
        vatAmount: vat.toFixed(2),
        grossValue: net.plus(vat).toFixed(2),
        unitNetPrice: unitPrice.toFixed(2),
    };
});
exports.kseDocumentArbitrary = fast_check_1.default
    .record({
    isCorrection: fast_check_1.default.boolean(),
    sellerName: (0, exports.polishWords)(5),
    sellerCity: (0, exports.polishWords)(2),
    sellerStreet: (0, exports.polishWords)(3),
    sellerNip: exports.nip,
    issueDate: isoDate,
    saleDate: fast_check_1.default.option(isoDate, { nil: null }),
    dueDate: fast_check_1.default.option(isoDate, { nil: null }),
    number: fast_check_1.default.integer({ min: 1, max: 99999 }),
    buyerName1: (0, exports.polishWords)(3),
    buyerName2: fast_check_1.default.oneof(fast_check_1.default.constant(''), (0, exports.polishWords)(2)),
    buyerId: fast_check_1.default.oneof(fast_check_1.default.constant(''), exports.nip, fast_check_1.default.constant('DE123456789')),
    paymentForm: fast_check_1.default.constantFrom('', 'gotówka', 'przelew', 'karta płatnicza', 'barter'),
    paid: fast_check_1.default.constantFrom('none', 'all', 'part'),
    remarks: fast_check_1.default.tuple(fast_check_1.default.oneof(fast_check_1.default.constant(''), (0, exports.polishWords)(4)), fast_check_1.default.constant(''), fast_check_1.default.constant('')),
})
    .chain((header) => fast_check_1.default.array(itemArbitrary(header.isCorrection), { minLength: 1, maxLength: 6 }).map((drafts) => {
    const items = drafts.map((draft, index) => ({
        ...draft,
        lineNumber: String(index + 1),
        firstLine: 27 + index * 50,
    }));
    const gross = items.reduce((sum, item) => sum.plus(item.grossValue), new decimal_js_1.default(0));
    const paid = header.paid === 'all' ? gross : header.paid === 'part' ? gross.div(2).toDecimalPlaces(2) : new decimal_js_1.default(0);
    const paidAmount = gross.isNegative() ? new decimal_js_1.default(0) : paid;
    return {
        header: {
            sellerName: header.sellerName,
            sellerCity: header.sellerCity,
            sellerPostcode: '00-950',
            sellerStreet: header.sellerStreet,
            sellerSeat: header.sellerCity,
            sellerNip: header.sellerNip,
            isCorrection: header.isCorrection,
            placeOfIssue: header.sellerCity,
            issueDate: header.issueDate,
            invoiceNumber: `${header.isCorrection ? 'KOR' : 'FV'}/${header.number}`,
            correctedInvoiceNumber: header.isCorrection ? `FV/${header.number}` : '',
            buyerName1: header.buyerName1,
            buyerName2: header.buyerName2,
            buyerCity: 'Kraków',
            buyerPostcode: '30-001',
            buyerStreet: 'ul. Długa 1',
            buyerId: header.buyerId,
            paymentForm: header.paymentForm,
            paymentDueDate: header.dueDate,
            saleDate: header.saleDate,
            amountPaid: paidAmount.toFixed(2),
            grossTotal: gross.toFixed(2),
            leftToPay: gross.minus(paidAmount).toFixed(2),
            remarks: header.remarks,
        },
        items,
    };
}));
//# sourceMappingURL=kse-arbitraries.js.map