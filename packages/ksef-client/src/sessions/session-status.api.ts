import {
  type SessionInvoiceStatusResponse,
  type SessionInvoicesResponse,
  type SessionStatusResponse,
  type SessionsQueryResponse,
  type SessionType,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import { KsefIntegrityError, KsefDuplicateInvoiceError, KsefInvoiceRejectedError } from '../http/ksef-errors';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { sha256Base64 } from '../crypto/ksef-crypto';

/** A downloaded XML document (invoice or UPO) whose `x-ms-meta-hash` was checked. */
export interface VerifiedDocument {
  content: Buffer;
  /** SHA-256 Base64 of `content` (equals `x-ms-meta-hash` when KSeF sent it). */
  hash: string;
}

/** Verifies `x-ms-meta-hash` (when present) against the bytes actually received. */
export function verifyMetaHash(content: Buffer, headers: Headers, what: string): VerifiedDocument {
  const hash = sha256Base64(content);
  const declared = headers.get('x-ms-meta-hash');
  if (declared && declared !== hash) {
    throw new KsefIntegrityError({
      status: 0,
      message: `Skrót pobranego dokumentu (${what}) nie zgadza się z nagłówkiem x-ms-meta-hash`,
      body: { declared, actual: hash },
    });
  }
  return { content, hash };
}

export interface SessionListFilters {
  sessionType: SessionType;
  referenceNumber?: string;
  dateCreatedFrom?: string;
  dateCreatedTo?: string;
  dateClosedFrom?: string;
  dateClosedTo?: string;
  dateModifiedFrom?: string;
  dateModifiedTo?: string;
  statuses?: ('InProgress' | 'Succeeded' | 'Failed' | 'Cancelled')[];
  pageSize?: number;
}

/** Session and invoice status / UPO endpoints shared by online and batch sessions. */
export class SessionStatusApi {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
  ) {}

  private get<T>(
    path: string,
    params: Record<string, string>,
    extra: { query?: Record<string, string | number | undefined>; headers?: Record<string, string> } = {},
  ) {
    return this.session.withAccessToken(async (bearer) => {
      const res = await this.http.request<T>({
        method: 'GET',
        path,
        params,
        bearer,
        context: this.session.contextKey,
        ...extra,
      });
      return res.data;
    });
  }

  status(referenceNumber: string): Promise<SessionStatusResponse> {
    return this.get('/sessions/{referenceNumber}', { referenceNumber });
  }

  invoice(referenceNumber: string, invoiceReferenceNumber: string): Promise<SessionInvoiceStatusResponse> {
    return this.get('/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}', {
      referenceNumber,
      invoiceReferenceNumber,
    });
  }

  /** All invoices of a session (follows continuation tokens). */
  async invoices(
    referenceNumber: string,
    onlyFailed = false,
    pageSize = 1000,
  ): Promise<SessionInvoiceStatusResponse[]> {
    const all: SessionInvoiceStatusResponse[] = [];
    let continuation: string | undefined;
    do {
      const page: SessionInvoicesResponse = await this.get(
        onlyFailed ? '/sessions/{referenceNumber}/invoices/failed' : '/sessions/{referenceNumber}/invoices',
        { referenceNumber },
        { query: { pageSize }, headers: continuation ? { 'x-continuation-token': continuation } : {} },
      );
      all.push(...page.invoices);
      continuation = page.continuationToken ?? undefined;
    } while (continuation);
    return all;
  }

  /** `GET /sessions` with every filter; follows continuation tokens. */
  async list(filters: SessionListFilters): Promise<SessionsQueryResponse['sessions']> {
    const { pageSize = 100, statuses, ...rest } = filters;
    const all: SessionsQueryResponse['sessions'] = [];
    let continuation: string | undefined;
    do {
      const page = await this.session.withAccessToken(async (bearer) => {
        const res = await this.http.request<SessionsQueryResponse>({
          method: 'GET',
          path: '/sessions',
          query: { ...rest, pageSize, statuses },
          headers: continuation ? { 'x-continuation-token': continuation } : {},
          bearer,
          context: this.session.contextKey,
        });
        return res.data;
      });
      all.push(...page.sessions);
      continuation = page.continuationToken ?? undefined;
    } while (continuation);
    return all;
  }

  private async xml(path: string, params: Record<string, string>, what: string): Promise<VerifiedDocument> {
    return this.session.withAccessToken(async (bearer) => {
      const res = await this.http.request<Buffer>({
        method: 'GET',
        path,
        params,
        bearer,
        context: this.session.contextKey,
        headers: { Accept: 'application/xml' },
        responseType: 'buffer',
      });
      return verifyMetaHash(res.data, res.headers, what);
    });
  }

  invoiceUpo(referenceNumber: string, invoiceReferenceNumber: string): Promise<VerifiedDocument> {
    return this.xml(
      '/sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo',
      { referenceNumber, invoiceReferenceNumber },
      'UPO',
    );
  }

  invoiceUpoByKsefNumber(referenceNumber: string, ksefNumber: string): Promise<VerifiedDocument> {
    return this.xml(
      '/sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo',
      { referenceNumber, ksefNumber },
      'UPO',
    );
  }

  sessionUpo(referenceNumber: string, upoReferenceNumber: string): Promise<VerifiedDocument> {
    return this.xml(
      '/sessions/{referenceNumber}/upo/{upoReferenceNumber}',
      { referenceNumber, upoReferenceNumber },
      'UPO sesji',
    );
  }

  /** Downloads from a pre-signed URL (no token, not rate-limited), verifying `x-ms-meta-hash`. */
  async download(url: string, what: string): Promise<VerifiedDocument> {
    const res = await this.http.raw(url, { method: 'GET' });
    return verifyMetaHash(Buffer.from(await res.arrayBuffer()), res.headers, what);
  }

  /** Polls the session until it leaves the in-progress states (100 open is final only if `acceptOpen`). */
  async waitForSession(referenceNumber: string, options: { timeoutMs?: number; acceptOpen?: boolean } = {}) {
    const started = this.http.clock.now();
    for (;;) {
      const st = await this.status(referenceNumber);
      const code = st.status.code;
      if (![100, 150, 170].includes(code) || (options.acceptOpen && code === 100)) {
        if (code !== 170 || st.upo) return st;
      }
      const elapsed = this.http.clock.now() - started;
      if (elapsed > (options.timeoutMs ?? 600_000)) return st;
      // The pause grows with the wait (1/16 of it, 0.25-2 s): the end is noticed within ~6% of the processing
      // time, and a long wait costs at most one `sessionMisc` request (120/min) every 2 s.
      await this.http.clock.sleep(Math.min(2_000, Math.max(250, elapsed / 16)));
    }
  }

  /** Polls an invoice until processed; returns it on 200, throws typed errors on rejection (440 duplicate). */
  async waitForInvoice(referenceNumber: string, invoiceReferenceNumber: string, timeoutMs = 600_000) {
    const started = this.http.clock.now();
    let delay = 200;
    for (;;) {
      const inv = await this.invoice(referenceNumber, invoiceReferenceNumber);
      if (inv.status.code !== 100 && inv.status.code !== 150) return assertInvoiceAccepted(inv);
      if (this.http.clock.now() - started > timeoutMs) return inv;
      await this.http.clock.sleep(delay);
      delay = Math.min(5_000, Math.round(delay * 1.5));
    }
  }
}

/** Turns a final invoice status into the invoice (200) or a typed error. */
export function assertInvoiceAccepted(inv: SessionInvoiceStatusResponse): SessionInvoiceStatusResponse {
  const { code, description, details, extensions } = inv.status;
  if (code === 200) return inv;
  const init = {
    status: code,
    message: `Faktura ${inv.invoiceNumber ?? inv.referenceNumber} odrzucona (${code}): ${[description, ...(details ?? [])].join(' ')}`,
    description,
    details: [{ code, description, details: details ?? [] }],
    correlation: { referenceNumber: inv.referenceNumber },
    body: inv,
  };
  if (code === 440) {
    throw new KsefDuplicateInvoiceError(
      init,
      extensions?.originalKsefNumber ?? undefined,
      extensions?.originalSessionReferenceNumber ?? undefined,
    );
  }
  throw new KsefInvoiceRejectedError(init);
}
