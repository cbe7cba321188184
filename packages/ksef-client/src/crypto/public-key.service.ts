import { X509Certificate, type KeyObject } from 'node:crypto';
import { type PublicKeyCertificate, type PublicKeyCertificateUsage } from '../generated/ksef-api.models';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { KsefValidationError } from '../http/ksef-errors';

/** A chosen Ministry key ready for encryption. */
export interface KsefPublicKey {
  publicKey: KeyObject;
  publicKeyId?: string;
  certificate: PublicKeyCertificate;
}

/**
 * Fetches `/security/public-key-certificates`, picks a currently valid certificate for a usage (latest
 * `validFrom` wins) and caches the list; on error 21470 (unknown key id) the list is refetched and the
 * operation retried once.
 */
export class PublicKeyService {
  private cache?: { list: PublicKeyCertificate[]; expiresAt: number };
  private pending?: Promise<PublicKeyCertificate[]>;

  constructor(
    private readonly http: KsefHttpClient,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  async list(): Promise<PublicKeyCertificate[]> {
    const now = this.http.clock.now();
    if (this.cache && this.cache.expiresAt > now) return this.cache.list;
    this.pending ??= this.http
      .request<PublicKeyCertificate[]>({ method: 'GET', path: '/security/public-key-certificates' })
      .then((res) => {
        this.cache = { list: res.data, expiresAt: this.http.clock.now() + this.ttlMs };
        return res.data;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(): void {
    this.cache = undefined;
  }

  async get(usage: PublicKeyCertificateUsage): Promise<KsefPublicKey> {
    const certificate = choosePublicKeyCertificate(await this.list(), usage, new Date(this.http.clock.now()));
    const publicKey = new X509Certificate(Buffer.from(certificate.certificate, 'base64')).publicKey;
    return { publicKey, certificate, publicKeyId: certificate.publicKeyId ?? undefined };
  }

  /** Runs `fn` with the current key; on 21470 refreshes the list and runs it once more. */
  async withKey<T>(usage: PublicKeyCertificateUsage, fn: (key: KsefPublicKey) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.get(usage));
    } catch (err) {
      if (!(err instanceof KsefValidationError) || !err.hasCode(21470)) throw err;
      this.invalidate();
      return fn(await this.get(usage));
    }
  }
}

/** Selection rule: a certificate with the usage, valid now; among several the latest `validFrom`. */
export function choosePublicKeyCertificate(
  list: readonly PublicKeyCertificate[],
  usage: PublicKeyCertificateUsage,
  now: Date,
): PublicKeyCertificate {
  const candidates = list
    .filter((c) => c.usage.includes(usage))
    .filter((c) => Date.parse(c.validFrom) <= now.getTime() && now.getTime() < Date.parse(c.validTo))
    .sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom));
  const chosen = candidates[0];
  if (!chosen) throw new Error(`KSeF nie udostępnia ważnego klucza publicznego do użycia ${usage}`);
  return chosen;
}
