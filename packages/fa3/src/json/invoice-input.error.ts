export interface InvoiceInputIssue {
  /** JSON path such as `lines[2].unitPrice`. */
  path: string;
  code: string;
  /** Polish. */
  message: string;
}

/** The JSON input does not match the schema; `issues` lists every problem with its path. */
export class InvoiceInputError extends Error {
  constructor(readonly issues: InvoiceInputIssue[]) {
    super(`Niepoprawne dane faktury: ${issues.map((i) => `${i.path || '(całość)'}: ${i.message}`).join('; ')}`);
    this.name = 'InvoiceInputError';
  }
}
