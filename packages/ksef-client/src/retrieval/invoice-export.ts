import {
  type ExportInvoicesResponse,
  type InvoiceExportStatusResponse,
  type InvoiceMetadata,
  type InvoicePackage,
  type InvoiceQueryFilters,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import {
  aesDecrypt,
  generateSymmetricKey,
  sha256Base64,
  type SymmetricKey,
  wrapSymmetricKey,
} from '../crypto/ksef-crypto';
import { type PublicKeyService } from '../crypto/public-key.service';
import { KsefError, KsefIntegrityError } from '../http/ksef-errors';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { type CompressionType, unpackArchive } from '../util/archive';

export interface ExportedPackage {
  referenceNumber: string;
  package: InvoicePackage;
  /** `_metadata.json` records. */
  metadata: InvoiceMetadata[];
  /** Invoice XML by KSeF number (empty with `onlyMetadata`). */
  invoices: Map<string, Buffer>;
}

/** Asynchronous export: start, poll, download parts, verify, decrypt, concatenate, unzip. */
export class InvoiceExports {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
    private readonly publicKeys: PublicKeyService,
  ) {}

  async start(
    filters: InvoiceQueryFilters,
    onlyMetadata = false,
    compressionType: CompressionType = 'Zip',
  ): Promise<{ referenceNumber: string; key: SymmetricKey }> {
    const key = generateSymmetricKey();
    const res = await this.publicKeys.withKey('SymmetricKeyEncryption', (pk) =>
      this.session.withAccessToken((bearer) =>
        this.http.request<ExportInvoicesResponse>({
          method: 'POST',
          path: '/invoices/exports',
          json: {
            encryption: wrapSymmetricKey(key, pk.publicKey, pk.publicKeyId),
            filters,
            onlyMetadata,
            compressionType,
          },
          bearer,
          context: this.session.contextKey,
        }),
      ),
    );
    return { referenceNumber: res.data.referenceNumber, key };
  }

  status(referenceNumber: string): Promise<InvoiceExportStatusResponse> {
    return this.session.withAccessToken(async (bearer) => {
      const res = await this.http.request<InvoiceExportStatusResponse>({
        method: 'GET',
        path: '/invoices/exports/{referenceNumber}',
        params: { referenceNumber },
        bearer,
        context: this.session.contextKey,
      });
      return res.data;
    });
  }

  async waitForPackage(referenceNumber: string, timeoutMs = 900_000): Promise<InvoicePackage> {
    const started = this.http.clock.now();
    let delay = 500;
    for (;;) {
      const st = await this.status(referenceNumber);
      if (st.status.code === 200 && st.package) return st.package;
      if (st.status.code !== 100) {
        throw new KsefError({
          status: st.status.code,
          message: `Eksport ${referenceNumber} zakończony statusem ${st.status.code}: ${st.status.description}`,
          description: st.status.description,
          details: [{ code: st.status.code, description: st.status.description, details: st.status.details ?? [] }],
          correlation: { referenceNumber },
        });
      }
      if (this.http.clock.now() - started > timeoutMs) {
        throw new KsefError({
          status: 100,
          message: `Eksport ${referenceNumber} nie zakończył się w czasie`,
          correlation: { referenceNumber },
        });
      }
      await this.http.clock.sleep(delay);
      delay = Math.min(10_000, Math.round(delay * 1.5));
    }
  }

  /** Downloads every part, checks sizes and hashes (encrypted and plain), decrypts and unpacks the ZIP or tar.gz. */
  async download(referenceNumber: string, key: SymmetricKey, pkg: InvoicePackage): Promise<ExportedPackage> {
    const plainParts: Buffer[] = [];
    for (const part of [...pkg.parts].sort((a, b) => a.ordinalNumber - b.ordinalNumber)) {
      const res = await this.http.raw(part.url, { method: part.method.toUpperCase() as 'GET' });
      const encrypted = Buffer.from(await res.arrayBuffer());
      if (encrypted.length !== part.encryptedPartSize || sha256Base64(encrypted) !== part.encryptedPartHash) {
        throw new KsefIntegrityError({
          status: 0,
          message: `Część ${part.ordinalNumber} eksportu ${referenceNumber} jest uszkodzona`,
        });
      }
      const plain = aesDecrypt(key, encrypted);
      if (plain.length !== part.partSize || sha256Base64(plain) !== part.partHash) {
        throw new KsefIntegrityError({
          status: 0,
          message: `Część ${part.ordinalNumber} eksportu ${referenceNumber} po odszyfrowaniu nie zgadza się z opisem`,
        });
      }
      plainParts.push(plain);
    }
    const files = await unpackArchive(Buffer.concat(plainParts));
    const invoices = new Map<string, Buffer>();
    let metadata: InvoiceMetadata[] = [];
    for (const [name, content] of files) {
      if (name === '_metadata.json') {
        metadata = (JSON.parse(content.toString('utf8')) as { invoices?: InvoiceMetadata[] }).invoices ?? [];
      } else if (name.endsWith('.xml')) {
        invoices.set(name.replace(/\.xml$/, ''), content);
      }
    }
    return { referenceNumber, package: pkg, metadata, invoices };
  }

  /** Start → wait → download, in one call. */
  async run(
    filters: InvoiceQueryFilters,
    options: { onlyMetadata?: boolean; timeoutMs?: number; compressionType?: CompressionType } = {},
  ): Promise<ExportedPackage> {
    const { referenceNumber, key } = await this.start(filters, options.onlyMetadata, options.compressionType);
    const pkg = await this.waitForPackage(referenceNumber, options.timeoutMs);
    return this.download(referenceNumber, key, pkg);
  }
}
