import {
  type CertificateEnrollmentDataResponse,
  type CertificateEnrollmentStatusResponse,
  type CertificateLimitsResponse,
  type CertificateListItem,
  type CertificateRevocationReason,
  type EnrollCertificateResponse,
  type KsefCertificateType,
  type QueryCertificatesRequest,
  type QueryCertificatesResponse,
  type RetrieveCertificatesListItem,
  type RetrieveCertificatesResponse,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import { generateCsr, type KeyAlgorithm } from '../crypto/certificate-tools';
import { KsefError } from '../http/ksef-errors';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { authed } from './admin-request';

export interface IssuedCertificate {
  certificate: RetrieveCertificatesListItem;
  /** PKCS#8 PEM of the key generated for the CSR; the only copy. */
  privateKeyPem: string;
}

/** KSeF certificates (types Authentication and Offline). */
export class CertificatesApi {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
  ) {}

  limits(): Promise<CertificateLimitsResponse> {
    return authed(this.http, this.session, { method: 'GET', path: '/certificates/limits' });
  }

  enrollmentData(): Promise<CertificateEnrollmentDataResponse> {
    return authed(this.http, this.session, { method: 'GET', path: '/certificates/enrollments/data' });
  }

  enroll(body: { certificateName: string; certificateType: KsefCertificateType; csr: string; validFrom?: string }) {
    return authed<EnrollCertificateResponse>(this.http, this.session, {
      method: 'POST',
      path: '/certificates/enrollments',
      json: body,
    });
  }

  enrollmentStatus(referenceNumber: string): Promise<CertificateEnrollmentStatusResponse> {
    return authed(this.http, this.session, {
      method: 'GET',
      path: '/certificates/enrollments/{referenceNumber}',
      params: { referenceNumber },
    });
  }

  async retrieve(serialNumbers: string[]): Promise<RetrieveCertificatesListItem[]> {
    const out: RetrieveCertificatesListItem[] = [];
    for (let i = 0; i < serialNumbers.length; i += 10) {
      const res = await authed<RetrieveCertificatesResponse>(this.http, this.session, {
        method: 'POST',
        path: '/certificates/retrieve',
        json: { certificateSerialNumbers: serialNumbers.slice(i, i + 10) },
        safeToRetry: true,
      });
      out.push(...res.certificates);
    }
    return out;
  }

  async query(filters: QueryCertificatesRequest = {}, pageSize = 50): Promise<CertificateListItem[]> {
    const all: CertificateListItem[] = [];
    for (let pageOffset = 0; ; pageOffset++) {
      const page = await authed<QueryCertificatesResponse>(this.http, this.session, {
        method: 'POST',
        path: '/certificates/query',
        query: { pageSize, pageOffset },
        json: filters,
        safeToRetry: true,
      });
      all.push(...page.certificates);
      if (!page.hasMore) return all;
    }
  }

  revoke(certificateSerialNumber: string, revocationReason?: CertificateRevocationReason): Promise<void> {
    return authed(this.http, this.session, {
      method: 'POST',
      path: '/certificates/{certificateSerialNumber}/revoke',
      params: { certificateSerialNumber },
      json: revocationReason ? { revocationReason } : {},
      responseType: 'none',
    });
  }

  /** Full flow: enrollment data → key + CSR (RSA 2048 or EC P-256) → enroll → poll → retrieve. */
  async enrollAndRetrieve(
    certificateName: string,
    certificateType: KsefCertificateType,
    algorithm: KeyAlgorithm = 'ec',
    timeoutMs = 120_000,
  ): Promise<IssuedCertificate> {
    const data = await this.enrollmentData();
    const { csr, privateKeyPem } = await generateCsr(data, algorithm);
    const { referenceNumber } = await this.enroll({ certificateName, certificateType, csr });
    const started = this.http.clock.now();
    let delay = 250;
    for (;;) {
      const st = await this.enrollmentStatus(referenceNumber);
      if (st.status.code === 200 && st.certificateSerialNumber) {
        const [certificate] = await this.retrieve([st.certificateSerialNumber]);
        if (!certificate) throw new Error(`KSeF nie zwrócił certyfikatu ${st.certificateSerialNumber}`);
        return { certificate, privateKeyPem };
      }
      if (st.status.code !== 100 || this.http.clock.now() - started > timeoutMs) {
        throw new KsefError({
          status: st.status.code,
          message: `Wniosek certyfikacyjny ${referenceNumber}: ${st.status.code} ${st.status.description}`,
          description: st.status.description,
          details: [{ code: st.status.code, description: st.status.description, details: st.status.details ?? [] }],
          correlation: { referenceNumber },
        });
      }
      await this.http.clock.sleep(delay);
      delay = Math.min(5_000, Math.round(delay * 1.5));
    }
  }
}
