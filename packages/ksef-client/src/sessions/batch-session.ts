import {
  type FormCode,
  type OpenBatchSessionRequest,
  type OpenBatchSessionResponse,
  type PartUploadRequest,
  type SessionInvoiceStatusResponse,
  type SessionStatusResponse,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import { generateSymmetricKey, sha256Base64, type SymmetricKey, wrapSymmetricKey } from '../crypto/ksef-crypto';
import { type PublicKeyService } from '../crypto/public-key.service';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { type CompressionType, type InvoiceFile, packArchive } from '../util/archive';
import { BATCH_LIMITS, buildBatchPackage, type BatchPackage } from './batch-package';
import { FORM_CODES } from './form-codes';
import { SessionStatusApi } from './session-status.api';

export interface BatchSendOptions {
  formCode?: FormCode;
  /** Archive format (default ZIP; tar.gz since KSeF 2.6.0). */
  compressionType?: CompressionType;
  offlineMode?: boolean;
  /** Max part size before encryption (default and maximum 100 MB). */
  maxPartSize?: number;
  /** Parallel part uploads (default 4). */
  concurrency?: number;
  /** Called after opening and after each uploaded part; persist it to resume an interrupted upload. */
  onState?: (state: BatchUploadState) => void | Promise<void>;
  onProgress?: (uploadedParts: number, totalParts: number) => void;
}

/** Resumable state of a batch upload. Contains the AES key: store it securely. */
export interface BatchUploadState {
  referenceNumber: string;
  key: string;
  iv: string;
  maxPartSize: number;
  /** SHA-256 (Base64) of the whole archive: a resume must be given exactly the same bytes. */
  fileHash?: string;
  compressionType?: CompressionType;
  partUploadRequests: PartUploadRequest[];
  uploadedParts: number[];
  closed: boolean;
}

/** Batch sessions: ZIP → parts → encrypt → open → upload (parallel, bounded) → close → results. */
export class BatchSessions {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
    private readonly publicKeys: PublicKeyService,
  ) {}

  /** Sends invoices in one batch session and closes it; returns the session reference number. */
  async send(files: readonly InvoiceFile[], options: BatchSendOptions = {}): Promise<BatchUploadState> {
    return this.sendArchive(await packBatch(files, options.compressionType), options);
  }

  async sendArchive(archive: Buffer, options: BatchSendOptions = {}): Promise<BatchUploadState> {
    const sym = generateSymmetricKey();
    const maxPartSize = options.maxPartSize ?? BATCH_LIMITS.maxPartSize;
    const pkg = buildBatchPackage(archive, sym, maxPartSize);
    const opened = await this.publicKeys.withKey('SymmetricKeyEncryption', (key) =>
      this.session.withAccessToken(async (bearer) => {
        const body: OpenBatchSessionRequest = {
          formCode: options.formCode ?? FORM_CODES.FA3,
          batchFile: {
            fileSize: pkg.fileSize,
            fileHash: pkg.fileHash,
            compressionType: options.compressionType ?? 'Zip',
            fileParts: pkg.parts.map((p) => ({
              ordinalNumber: p.ordinalNumber,
              fileSize: p.fileSize,
              fileHash: p.fileHash,
            })),
          },
          encryption: wrapSymmetricKey(sym, key.publicKey, key.publicKeyId),
          offlineMode: options.offlineMode ?? false,
        };
        const res = await this.http.request<OpenBatchSessionResponse>({
          method: 'POST',
          path: '/sessions/batch',
          json: body,
          bearer,
          context: this.session.contextKey,
        });
        return res.data;
      }),
    );
    const state: BatchUploadState = {
      referenceNumber: opened.referenceNumber,
      key: sym.key.toString('base64'),
      iv: sym.iv.toString('base64'),
      maxPartSize,
      fileHash: pkg.fileHash,
      compressionType: options.compressionType ?? 'Zip',
      partUploadRequests: opened.partUploadRequests,
      uploadedParts: [],
      closed: false,
    };
    await options.onState?.(state);
    return this.uploadAndClose(state, pkg, options);
  }

  /**
   * Continues an interrupted upload (e.g. after a restart, from the state persisted by `onState`): re-encrypts the
   * same archive with the stored key, uploads only the parts not yet uploaded, and closes the session.
   */
  async resume(state: BatchUploadState, archive: Buffer, options: BatchSendOptions = {}): Promise<BatchUploadState> {
    if (state.fileHash && sha256Base64(archive) !== state.fileHash) {
      throw new Error(
        `Archiwum różni się od wysyłanego w sesji ${state.referenceNumber}; wznowienie wymaga tych samych bajtów`,
      );
    }
    const sym: SymmetricKey = { key: Buffer.from(state.key, 'base64'), iv: Buffer.from(state.iv, 'base64') };
    return this.uploadAndClose(structuredClone(state), buildBatchPackage(archive, sym, state.maxPartSize), options);
  }

  /** {@link resume} from the invoice files: they pack into the same archive bytes as at the first attempt. */
  async resumeFiles(
    state: BatchUploadState,
    files: readonly InvoiceFile[],
    options: BatchSendOptions = {},
  ): Promise<BatchUploadState> {
    return this.resume(state, await packBatch(files, state.compressionType ?? 'Zip'), options);
  }

  private async uploadAndClose(state: BatchUploadState, pkg: BatchPackage, options: BatchSendOptions) {
    const pending = state.partUploadRequests.filter((r) => !state.uploadedParts.includes(r.ordinalNumber));
    const total = state.partUploadRequests.length;
    let next = 0;
    const worker = async () => {
      while (next < pending.length) {
        const request = pending[next++]!;
        const part = pkg.parts.find((p) => p.ordinalNumber === request.ordinalNumber);
        if (!part) throw new Error(`Brak części ${request.ordinalNumber} w paczce`);
        const headers = Object.fromEntries(
          Object.entries(request.headers ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        await this.http.raw(request.url, {
          method: request.method.toUpperCase() as 'PUT',
          body: part.encrypted,
          headers,
        });
        state.uploadedParts.push(request.ordinalNumber);
        options.onProgress?.(state.uploadedParts.length, total);
        await options.onState?.(state);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, pending.length) }, worker));
    if (!state.closed) {
      await this.session.withAccessToken((bearer) =>
        this.http.request({
          method: 'POST',
          path: '/sessions/batch/{referenceNumber}/close',
          params: { referenceNumber: state.referenceNumber },
          bearer,
          context: this.session.contextKey,
          responseType: 'none',
        }),
      );
      state.closed = true;
      await options.onState?.(state);
    }
    return state;
  }

  /** Waits for processing to finish and returns the session status with every invoice result. */
  async results(
    referenceNumber: string,
    timeoutMs?: number,
  ): Promise<{ status: SessionStatusResponse; invoices: SessionInvoiceStatusResponse[] }> {
    const api = new SessionStatusApi(this.http, this.session);
    const status = await api.waitForSession(referenceNumber, { timeoutMs });
    return { status, invoices: await api.invoices(referenceNumber) };
  }
}

async function packBatch(files: readonly InvoiceFile[], type: CompressionType = 'Zip'): Promise<Buffer> {
  if (files.length > BATCH_LIMITS.maxInvoices) {
    throw new Error(`Paczka może zawierać najwyżej ${BATCH_LIMITS.maxInvoices} faktur (jest ${files.length})`);
  }
  return packArchive(files, type);
}
