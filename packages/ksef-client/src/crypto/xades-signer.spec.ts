import { X509Certificate, createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildAuthTokenRequestXml,
  checkExternallySignedRequest,
  type ExternalSignatureError,
} from './auth-token-request';
import { createSelfSignedCertificate, generateCsr } from './certificate-tools';
import { signXadesEnveloped, verifyXadesEnveloped } from './xades-signer';

const challenge = '20250604-CR-461EA5B000-537A6BA15D-D7';
const seal = {
  organizationName: 'Firma Testowa',
  organizationIdentifier: 'VATPL-5265877635',
  commonName: 'Firma Testowa',
  countryName: 'PL',
};

describe('AuthTokenRequest', () => {
  it('builds the 2.0 and 2.1 documents in schema order', () => {
    const xml = buildAuthTokenRequestXml({
      challenge,
      context: { type: 'Nip', value: '5265877635' },
      allowedIps: { ip4Addresses: ['10.0.0.1'], ip4Masks: ['10.0.0.0/8'] },
      version: '2.1',
    });
    expect(xml).toContain('<AuthTokenRequest xmlns="http://ksef.mf.gov.pl/auth/token/2.1">');
    expect(xml).toMatch(
      /<Challenge>.*<\/Challenge><ContextIdentifier><Nip>5265877635<\/Nip><\/ContextIdentifier><SubjectIdentifierType>certificateSubject<\/SubjectIdentifierType><AuthorizationPolicy><AllowedIps><Ip4Address>10.0.0.1<\/Ip4Address><Ip4Mask>10.0.0.0\/8<\/Ip4Mask>/,
    );
    expect(
      buildAuthTokenRequestXml({ challenge, context: { type: 'InternalId', value: '5265877635-12345' } }),
    ).toContain('token/2.0');
  });
});

describe.each(['rsa', 'ec'] as const)('XAdES enveloped signature (%s)', (algorithm) => {
  it('signs the whole document with SignedProperties that digest the certificate', async () => {
    const cert = await createSelfSignedCertificate(seal, algorithm);
    const unsigned = buildAuthTokenRequestXml({ challenge, context: { type: 'Nip', value: '5265877635' } });
    const signed = signXadesEnveloped(unsigned, { certificate: cert.certificatePem, privateKey: cert.privateKeyPem });

    expect(verifyXadesEnveloped(signed)).toBe(true);
    expect(signed).toContain('<ds:Reference URI="">');
    expect(signed).toContain('Type="http://uri.etsi.org/01903#SignedProperties"');
    expect(signed).toContain(
      algorithm === 'ec'
        ? 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'
        : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    );
    const certDigest = /<xades:CertDigest>.*?<ds:DigestValue>([^<]+)<\/ds:DigestValue>/.exec(signed)?.[1];
    expect(certDigest).toBe(createHash('sha256').update(cert.certificateDer).digest('base64'));
    const serial = /<ds:X509SerialNumber>(\d+)<\/ds:X509SerialNumber>/.exec(signed)?.[1];
    expect(serial).toBe(BigInt(`0x${new X509Certificate(cert.certificateDer).serialNumber}`).toString());
    if (algorithm === 'ec') {
      const value = /<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/.exec(signed)![1]!;
      expect(Buffer.from(value, 'base64')).toHaveLength(64); // raw r‖s, not DER
    }
    // The signature sits inside the root and covers the challenge: tampering breaks it.
    expect(signed.indexOf('<ds:Signature')).toBeLessThan(signed.indexOf('</AuthTokenRequest>'));
    expect(verifyXadesEnveloped(signed.replace('461EA5B000', '461EA5B001'))).toBe(false);
    expect(() => checkExternallySignedRequest(signed, unsigned)).not.toThrow();
  });

  it('generates a CSR whose subject is the enrollment data and whose signature verifies', async () => {
    const { csr } = await generateCsr(seal, algorithm);
    await import('reflect-metadata');
    const x509 = (await import('@peculiar/x509')) as typeof import('@peculiar/x509');
    const parsed = new x509.Pkcs10CertificateRequest(Buffer.from(csr, 'base64'));
    expect(await parsed.verify()).toBe(true);
    expect(parsed.subject).toContain('2.5.4.97=VATPL-5265877635');
    expect(parsed.subject).toContain('CN=Firma Testowa');
    expect(parsed.publicKey.algorithm.name).toBe(algorithm === 'ec' ? 'ECDSA' : 'RSASSA-PKCS1-v1_5');
  });
});

describe('external signing checks', () => {
  const unsigned = buildAuthTokenRequestXml({ challenge, context: { type: 'Nip', value: '5265877635' } });
  const problem = (doc: string) => {
    try {
      checkExternallySignedRequest(doc, unsigned);
      return 'ok';
    } catch (err) {
      return (err as ExternalSignatureError).problem;
    }
  };

  it('refuses the unsigned original, unsigned documents, non-XML and another challenge', () => {
    expect(problem(unsigned)).toBe('unsigned-original');
    expect(problem(unsigned.replace('<Challenge>', ' <Challenge>'))).toBe('unsigned');
    expect(problem('not xml at all <')).toBe('not-xml');
    expect(problem('<Other/>')).toBe('not-auth-request');
    const signedOther = unsigned
      .replace('461EA5B000', '461EA5B0FF')
      .replace(
        '</AuthTokenRequest>',
        '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></AuthTokenRequest>',
      );
    expect(problem(signedOther)).toBe('wrong-challenge');
  });

  it('refuses to sign with a certificate that cannot be parsed', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signXadesEnveloped(unsigned, { certificate: 'not a cert', privateKey })).toThrow();
  });
});
