export * from './validation-issue';
export * from './xsd-validator';
export * from './invoice-validator';
export { checkKsefDocumentRules, KSEF_MAX_BYTES, KSEF_MAX_BYTES_WITH_ATTACHMENT } from './ksef-document-rules';
export {
  checkKsefInvoiceRules,
  partyNips,
  type ValidationEnvironment,
  type KsefRuleOptions,
} from './ksef-invoice-rules';
export { checkBusinessRules } from './business-rules';
