"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.invoiceArbitrary = void 0;
exports.arbitraryFor = arbitraryFor;
const fast_check_1 = __importDefault(require("fast-check"));
const invoice_model_1 = require("../../src/model/invoice.model");
// Characters that stress escaping and encoding: XML specials, Polish letters, astral-plane emoji, CR/LF/TAB.
const TEXT_CHARS = ['a', 'Z', '7', ' ', 'ą', 'Ż', 'ł', 'É', '<', '>', '&', '"', "'", ']]>', '\n', '\r', '\t', '€', '😀'];
const text = fast_check_1.default.array(fast_check_1.default.constantFrom(...TEXT_CHARS), { maxLength: 12 }).map((parts) => parts.join(''));
const digits = (min, max) => fast_check_1.default.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const decimal = (fraction) => fast_check_1.default
    .tuple(fast_check_1.default.boolean(), fast_check_1.default.bigInt({ min: 0n, max: 10n ** 12n }), digits(0, fraction))
    .map(([negative, whole, frac]) => `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);
const date = fast_check_1.default
    .date({ min: new Date('2006-01-01'), max: new Date('2050-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
const LEAVES = {
    text,
    text512: text,
    text50: text,
    text20: text,
    longText: text,
    amount: decimal(2),
    amount8: decimal(8),
    quantity: decimal(6),
    percent: decimal(2),
    natural: digits(1, 6),
    integer: digits(1, 4),
    date,
    dateTime: fast_check_1.default.date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2040-01-01') }).map((d) => d.toISOString()),
    nip: digits(10, 10),
    country: fast_check_1.default.constantFrom('PL', 'DE', 'US'),
    currency: fast_check_1.default.constantFrom('PLN', 'EUR', 'USD'),
    email: fast_check_1.default.emailAddress(),
    ksefNumber: fast_check_1.default.constant('5265877635-20250826-0100001AF629-AF'),
    vatUe: digits(8, 12),
    bankAccount: digits(26, 26),
    swift: fast_check_1.default.constantFrom('PKOPPLPW', 'BREXPLPWMBK'),
    krs: digits(10, 10),
    regon: digits(9, 9),
    gln: digits(13, 13),
    taxId: text,
    phone: digits(9, 9),
};
function leafArbitrary(node) {
    if (node.kind === 'enum')
        return fast_check_1.default.constantFrom(...(node.values ?? ['']));
    return LEAVES[node.kind];
}
const cache = new Map();
/** Random values for any model node: every optional field may be absent, repeated fields hold 1-2 items. */
function arbitraryFor(node) {
    const cached = cache.get(node);
    if (cached)
        return cached;
    const arbitrary = node.type === 'leaf' ? leafArbitrary(node) : objectArbitrary(node);
    cache.set(node, arbitrary);
    return arbitrary;
}
function objectArbitrary(node) {
    const model = {};
    const required = [];
    for (const [name, field] of Object.entries(node.fields)) {
        const item = arbitraryFor(field.node);
        model[name] = field.occurs === 'many' ? fast_check_1.default.array(item, { minLength: 1, maxLength: 2 }) : item;
        if (field.occurs === 'one' || field.occurs === 'attr')
            required.push(name);
    }
    return fast_check_1.default.record(model, { requiredKeys: required });
}
exports.invoiceArbitrary = arbitraryFor(invoice_model_1.invoiceNode);
//# sourceMappingURL=invoice-arbitrary.js.map