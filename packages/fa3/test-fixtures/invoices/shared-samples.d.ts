/** The official FA(3) sample templates (tests only: nothing at runtime reads /work/shared). */
export declare const SHARED_SAMPLES_DIR: string;
export declare const SAMPLE_VALUES: {
    readonly nip: "5265877635";
    readonly subject2nip: "3861610227";
    readonly selfInvocingNip: "7010002139";
    readonly invoicingDate: "2026-01-15";
    readonly invoiceNumber: "FV/2026/01/0001";
    readonly subject3: "<IDWew>5265877635-00001</IDWew>";
};
/** Fills the #placeholders# of a template with valid values. */
export declare function fillSample(template: string): string;
export declare function sharedSamples(): {
    name: string;
    xml: string;
}[];
//# sourceMappingURL=shared-samples.d.ts.map