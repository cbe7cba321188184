"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SAMPLE_VALUES = exports.SHARED_SAMPLES_DIR = void 0;
exports.fillSample = fillSample;
exports.sharedSamples = sharedSamples;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** The official FA(3) sample templates (tests only: nothing at runtime reads /work/shared). */
exports.SHARED_SAMPLES_DIR = (0, node_path_1.resolve)(__dirname, '../../../../../shared/ksef/samples');
exports.SAMPLE_VALUES = {
    nip: '5265877635',
    subject2nip: '3861610227',
    selfInvocingNip: '7010002139',
    invoicingDate: '2026-01-15',
    invoiceNumber: 'FV/2026/01/0001',
    subject3: '<IDWew>5265877635-00001</IDWew>',
};
/** Fills the #placeholders# of a template with valid values. */
function fillSample(template) {
    return template
        .replaceAll('#nip#', exports.SAMPLE_VALUES.nip)
        .replaceAll('#subject2nip#', exports.SAMPLE_VALUES.subject2nip)
        .replaceAll('#selfInvocingNip#', exports.SAMPLE_VALUES.selfInvocingNip)
        .replaceAll('#invoicing_date#', exports.SAMPLE_VALUES.invoicingDate)
        .replaceAll('#invoice_number#', exports.SAMPLE_VALUES.invoiceNumber)
        .replaceAll('#subject3IdentifierValue#', exports.SAMPLE_VALUES.subject3);
}
function sharedSamples() {
    return (0, node_fs_1.readdirSync)(exports.SHARED_SAMPLES_DIR)
        .filter((name) => name.endsWith('.xml'))
        .sort()
        .map((name) => ({ name, xml: fillSample((0, node_fs_1.readFileSync)((0, node_path_1.join)(exports.SHARED_SAMPLES_DIR, name), 'utf8')) }));
}
//# sourceMappingURL=shared-samples.js.map