import { z } from 'zod';

/**
 * One deterministic fault for the next matching /v2 request(s). `before` acts instead of handling the request
 * (KSeF never saw it); `after` lets the simulator handle the request and commit its effects, then spoils the
 * answer: the "response lost after KSeF accepted it" case a client must reconcile instead of sending again.
 */
export const scriptedFaultSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    /** Regular expression tested against the request path (e.g. `/v2/sessions/online/[^/]+/invoices$`). */
    path: z
      .string()
      .min(1)
      .refine((p) => isRegExp(p), 'niepoprawne wyrażenie regularne')
      .optional(),
    /** Rate-limit group of the endpoint (`invoiceSend`, `sessionInvoiceList`, ...). */
    group: z.string().optional(),
    when: z.enum(['before', 'after']).default('before'),
    /** error: 5xx answer; drop: connection closed without an answer; delay: answer held back `delayMs`. */
    action: z.enum(['error', 'drop', 'delay']),
    status: z.union([z.literal(500), z.literal(502), z.literal(503)]).default(503),
    delayMs: z.number().int().min(0).max(600_000).default(0),
    /** How many matching requests it hits before it is used up. */
    times: z.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export type ScriptedFaultInput = z.input<typeof scriptedFaultSchema>;
export type ScriptedFault = z.infer<typeof scriptedFaultSchema>;
export type FaultMoment = ScriptedFault['when'];

export interface RequestShape {
  method: string;
  path: string;
  group: string;
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** The scripted faults still to fire, in the order given, and how many fired so far. */
export class ScriptedFaults {
  private rules: { rule: ScriptedFault; pattern: RegExp | null; left: number }[] = [];
  private fired = 0;

  replace(rules: ScriptedFault[]): void {
    this.rules = rules.map((rule) => ({ rule, pattern: rule.path ? new RegExp(rule.path) : null, left: rule.times }));
  }

  clear(): void {
    this.rules = [];
    this.fired = 0;
  }

  /** Takes one use of the first rule matching this request at this moment. */
  take(request: RequestShape, when: FaultMoment): ScriptedFault | null {
    const entry = this.rules.find(
      (r) =>
        r.left > 0 &&
        r.rule.when === when &&
        (!r.rule.method || r.rule.method === request.method) &&
        (!r.rule.group || r.rule.group === request.group) &&
        (!r.pattern || r.pattern.test(request.path)),
    );
    if (!entry) return null;
    entry.left--;
    this.fired++;
    return entry.rule;
  }

  describe(): { pending: (ScriptedFault & { left: number })[]; fired: number } {
    return {
      pending: this.rules.filter((r) => r.left > 0).map((r) => ({ ...r.rule, left: r.left })),
      fired: this.fired,
    };
  }
}
