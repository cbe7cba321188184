import { type FormCode } from '../generated/ksef-api.models';
import { KsefValidationError } from '../http/ksef-errors';
import { type Clock } from '../util/clock';
import { FORM_CODES } from './form-codes';
import { type OnlineSession, type OnlineSessions, type ReconciledSend, type SendOptions } from './online-session';

export interface DrainInvoice {
  /** The caller's id, handed back with the result. */
  id: string;
  xml: Uint8Array;
  options?: SendOptions;
}

export interface DrainedInvoice extends ReconciledSend {
  id: string;
  sessionReferenceNumber: string;
}

export interface OnlineDrainOptions {
  /** Sends in flight at once (default 4); the rate limiter decides when each may go. */
  concurrency?: number;
  /** A session with less validity than this left takes no more invoices (default 30 min of its 12 h). */
  sessionMarginMs?: number;
  /** Invoices per session before a new one is opened (default and KSeF maximum 10,000). */
  maxInvoicesPerSession?: number;
  formCode?: FormCode;
  onSent?: (sent: DrainedInvoice) => void;
}

export interface OnlineDrainResult {
  sent: DrainedInvoice[];
  failed: { id: string; error: unknown }[];
  /** Every session used, in opening order; all are closed when `run` returns. */
  sessions: string[];
}

interface Slot {
  session: OnlineSession;
  reserved: number;
  inFlight: number;
  expiresAt: number;
  retired: boolean;
}

/** 21180: the session no longer takes invoices (closed, expired): the invoice goes to a fresh session. */
const SESSION_STATE_FORBIDS = 21180;

/**
 * Sends a stream of invoices interactively as fast as KSeF's limits allow: `concurrency` sends in flight, each
 * waiting for its permit, so the `invoiceSend` budget is used from the first permitted moment without a 429.
 * Sessions are opened as needed and replaced before they expire (12 h) or fill up (10,000 invoices); each is
 * closed once its last send has answered. A lost answer is reconciled by hash (`sendReconciled`), never re-sent
 * blindly.
 */
export class OnlineDrain {
  private current?: Slot;
  private opening?: Promise<void>;
  private readonly closing: Promise<void>[] = [];
  private readonly opened: string[] = [];

  constructor(
    private readonly sessions: OnlineSessions,
    private readonly clock: Clock,
    private readonly options: OnlineDrainOptions = {},
  ) {}

  async run(invoices: Iterable<DrainInvoice> | AsyncIterable<DrainInvoice>): Promise<OnlineDrainResult> {
    const iterator = Symbol.asyncIterator in invoices ? invoices[Symbol.asyncIterator]() : invoices[Symbol.iterator]();
    const result: OnlineDrainResult = { sent: [], failed: [], sessions: this.opened };
    const worker = async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        try {
          const sent = await this.sendOne(next.value);
          result.sent.push(sent);
          this.options.onSent?.(sent);
        } catch (error) {
          result.failed.push({ id: next.value.id, error });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 4) }, worker));
    } finally {
      if (this.current) this.retire(this.current);
      await Promise.allSettled(this.closing);
    }
    return result;
  }

  private async sendOne(invoice: DrainInvoice): Promise<DrainedInvoice> {
    for (let attempt = 0; ; attempt++) {
      const slot = await this.slot();
      try {
        const sent = await slot.session.sendReconciled(invoice.xml, invoice.options);
        return { ...sent, id: invoice.id, sessionReferenceNumber: slot.session.referenceNumber };
      } catch (err) {
        const sessionGone = err instanceof KsefValidationError && err.hasCode(SESSION_STATE_FORBIDS);
        if (!sessionGone || attempt > 0) throw err;
        this.retire(slot);
      } finally {
        this.release(slot);
      }
    }
  }

  /** A place in the current session, opening a new one when it is full, about to expire or retired. */
  private async slot(): Promise<Slot> {
    const max = Math.min(10_000, this.options.maxInvoicesPerSession ?? 10_000);
    const margin = this.options.sessionMarginMs ?? 30 * 60_000;
    for (;;) {
      const slot = this.current;
      // A session just opened is used even inside the margin: otherwise a margin beyond 12 h would never send.
      const fresh = slot?.reserved === 0;
      if (slot && !slot.retired && slot.reserved < max && (fresh || slot.expiresAt - margin > this.clock.now())) {
        slot.reserved++;
        slot.inFlight++;
        return slot;
      }
      this.opening ??= this.openNext().finally(() => (this.opening = undefined));
      await this.opening;
    }
  }

  private async openNext(): Promise<void> {
    if (this.current) this.retire(this.current);
    const session = await this.sessions.open(this.options.formCode ?? FORM_CODES.FA3);
    this.opened.push(session.referenceNumber);
    this.current = { session, reserved: 0, inFlight: 0, expiresAt: Date.parse(session.validUntil), retired: false };
  }

  private retire(slot: Slot): void {
    if (slot.retired) return;
    slot.retired = true;
    if (slot.inFlight === 0) this.close(slot);
  }

  private release(slot: Slot): void {
    slot.inFlight--;
    if (slot.retired && slot.inFlight === 0) this.close(slot);
  }

  private close(slot: Slot): void {
    // A failed close is harmless: KSeF closes the session itself when its 12 hours are over.
    this.closing.push(slot.session.close().catch(() => undefined));
  }
}
