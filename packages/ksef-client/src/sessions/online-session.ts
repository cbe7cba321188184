import {
  type FormCode,
  type OpenOnlineSessionResponse,
  type SendInvoiceRequest,
  type SendInvoiceResponse,
  type SessionInvoiceStatusResponse,
  type SessionStatusResponse,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import {
  encryptInvoice,
  generateSymmetricKey,
  sha256Base64,
  type SymmetricKey,
  wrapSymmetricKey,
} from '../crypto/ksef-crypto';
import { type PublicKeyService } from '../crypto/public-key.service';
import { KsefOutcomeUnknownError, KsefUnavailableError } from '../http/ksef-errors';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { FORM_CODES } from './form-codes';
import { SessionStatusApi, type VerifiedDocument } from './session-status.api';

export interface SendOptions {
  /** Declares an offline-issued invoice. */
  offlineMode?: boolean;
  /** Technical correction: SHA-256 (Base64) of the rejected offline original (requires `offlineMode`). */
  hashOfCorrectedInvoice?: string;
}

export interface SentInvoice {
  referenceNumber: string;
  invoiceHash: string;
}

export interface ReconciledSend extends SentInvoice {
  /** How many times the invoice was actually sent (more than 1 only when KSeF provably did not have it). */
  sends: number;
  /** True when an answer was lost and the invoice was found in the session by its hash. */
  recovered: boolean;
}

/** What is needed to pick an open session up again after a restart. Contains the AES key: store it securely. */
export interface OnlineSessionState {
  referenceNumber: string;
  validUntil: string;
  key: string;
  iv: string;
}

/** Opens interactive sessions for an authenticated context. */
export class OnlineSessions {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
    private readonly publicKeys: PublicKeyService,
  ) {}

  async open(formCode: FormCode = FORM_CODES.FA3): Promise<OnlineSession> {
    const sym = generateSymmetricKey();
    const opened = await this.publicKeys.withKey('SymmetricKeyEncryption', (key) =>
      this.session.withAccessToken(async (bearer) => {
        const res = await this.http.request<OpenOnlineSessionResponse>({
          method: 'POST',
          path: '/sessions/online',
          json: { formCode, encryption: wrapSymmetricKey(sym, key.publicKey, key.publicKeyId) },
          bearer,
          context: this.session.contextKey,
        });
        return res.data;
      }),
    );
    return new OnlineSession(this.http, this.session, {
      ...opened,
      key: sym.key.toString('base64'),
      iv: sym.iv.toString('base64'),
    });
  }

  resume(state: OnlineSessionState): OnlineSession {
    return new OnlineSession(this.http, this.session, state);
  }
}

/** One open interactive session. */
export class OnlineSession {
  readonly referenceNumber: string;
  readonly validUntil: string;
  readonly statusApi: SessionStatusApi;
  private readonly sym: SymmetricKey;

  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
    private readonly state: OnlineSessionState,
  ) {
    this.referenceNumber = state.referenceNumber;
    this.validUntil = state.validUntil;
    this.sym = { key: Buffer.from(state.key, 'base64'), iv: Buffer.from(state.iv, 'base64') };
    this.statusApi = new SessionStatusApi(http, session);
  }

  exportState(): OnlineSessionState {
    return { ...this.state };
  }

  /**
   * Encrypts and sends one invoice (the exact bytes given are hashed and sent). If the response is lost
   * (timeout, reset, 5xx) the send is NOT repeated: {@link KsefOutcomeUnknownError} carries the invoice hash
   * to look up with {@link findInvoiceByHash}.
   */
  async send(invoiceXml: Uint8Array, options: SendOptions = {}): Promise<SentInvoice> {
    const body: SendInvoiceRequest = {
      ...encryptInvoice(this.sym, invoiceXml),
      offlineMode: options.offlineMode ?? false,
      ...(options.hashOfCorrectedInvoice ? { hashOfCorrectedInvoice: options.hashOfCorrectedInvoice } : {}),
    };
    try {
      const data = await this.session.withAccessToken(async (bearer) => {
        const res = await this.http.request<SendInvoiceResponse>({
          method: 'POST',
          path: '/sessions/online/{referenceNumber}/invoices',
          params: { referenceNumber: this.referenceNumber },
          json: body,
          bearer,
          context: this.session.contextKey,
          safeToRetry: false,
        });
        return res.data;
      });
      return { referenceNumber: data.referenceNumber, invoiceHash: body.invoiceHash };
    } catch (err) {
      if (err instanceof KsefUnavailableError && err.mayHaveBeenProcessed) {
        throw new KsefOutcomeUnknownError(
          {
            status: err.status,
            message: `Nie wiadomo, czy KSeF przyjął fakturę (${err.message}). Sprawdź findInvoiceByHash przed ponowną wysyłką.`,
            cause: err,
            correlation: err.correlation,
          },
          body.invoiceHash,
          this.referenceNumber,
        );
      }
      throw err;
    }
  }

  /**
   * {@link send}, and when the answer is lost finds out what happened instead of sending blindly: looks the
   * invoice up in this session by its hash; if KSeF has it that is the result, otherwise it is sent again (at most
   * `attempts` sends). Should a lost send still be on its way when looked up, the repeat comes back as a duplicate
   * (440 with the original KSeF number), never as a second invoice.
   */
  async sendReconciled(
    invoiceXml: Uint8Array,
    options: SendOptions & { attempts?: number } = {},
  ): Promise<ReconciledSend> {
    const attempts = options.attempts ?? 3;
    for (let sends = 1; ; sends++) {
      try {
        return { ...(await this.send(invoiceXml, options)), sends, recovered: false };
      } catch (err) {
        if (!(err instanceof KsefOutcomeUnknownError)) throw err;
        const found = await this.findInvoiceByHash(err.invoiceHash);
        if (found)
          return { referenceNumber: found.referenceNumber, invoiceHash: err.invoiceHash, sends, recovered: true };
        if (sends >= attempts) throw err;
      }
    }
  }

  /** Finds an invoice of this session by the SHA-256 of its plain XML (to reconcile a lost send response). */
  async findInvoiceByHash(invoiceHash: string): Promise<SessionInvoiceStatusResponse | undefined> {
    const all = await this.statusApi.invoices(this.referenceNumber);
    return all.find((i) => i.invoiceHash === invoiceHash);
  }

  static hashOf(invoiceXml: Uint8Array): string {
    return sha256Base64(invoiceXml);
  }

  async close(): Promise<void> {
    await this.session.withAccessToken((bearer) =>
      this.http.request({
        method: 'POST',
        path: '/sessions/online/{referenceNumber}/close',
        params: { referenceNumber: this.referenceNumber },
        bearer,
        context: this.session.contextKey,
        responseType: 'none',
        // Closing twice is harmless (second one fails with 21180, which callers can ignore).
        safeToRetry: true,
      }),
    );
  }

  status(): Promise<SessionStatusResponse> {
    return this.statusApi.status(this.referenceNumber);
  }

  invoiceStatus(invoiceReferenceNumber: string): Promise<SessionInvoiceStatusResponse> {
    return this.statusApi.invoice(this.referenceNumber, invoiceReferenceNumber);
  }

  /** Waits for the final status; throws `KsefDuplicateInvoiceError` (440) or `KsefInvoiceRejectedError`. */
  waitForInvoice(invoiceReferenceNumber: string, timeoutMs?: number): Promise<SessionInvoiceStatusResponse> {
    return this.statusApi.waitForInvoice(this.referenceNumber, invoiceReferenceNumber, timeoutMs);
  }

  invoiceUpo(invoiceReferenceNumber: string): Promise<VerifiedDocument> {
    return this.statusApi.invoiceUpo(this.referenceNumber, invoiceReferenceNumber);
  }

  /** After close: waits for the session UPO and downloads every page. */
  async sessionUpo(timeoutMs?: number): Promise<{ status: SessionStatusResponse; pages: VerifiedDocument[] }> {
    const status = await this.statusApi.waitForSession(this.referenceNumber, { timeoutMs });
    const pages: VerifiedDocument[] = [];
    for (const page of status.upo?.pages ?? []) {
      pages.push(await this.statusApi.sessionUpo(this.referenceNumber, page.referenceNumber));
    }
    return { status, pages };
  }
}
