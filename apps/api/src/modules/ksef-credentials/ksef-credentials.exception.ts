import { DomainException } from '../../common/domain.exception';

export enum KsefCredentialsExceptionCode {
  CertificateInvalid = 'KSEF_CERT_INVALID',
  CertificateExpired = 'KSEF_CERT_EXPIRED',
  PrivateKeyInvalid = 'KSEF_PRIVATE_KEY_INVALID',
  PrivateKeyPassword = 'KSEF_PRIVATE_KEY_PASSWORD',
  CertificateKeyMismatch = 'KSEF_CERT_KEY_MISMATCH',
  XmlNotSigned = 'KSEF_XML_NOT_SIGNED',
  XmlInvalid = 'KSEF_XML_INVALID',
  XmlWrongChallenge = 'KSEF_XML_WRONG_CHALLENGE',
  SigningRequestNotFound = 'KSEF_SIGNING_REQUEST_NOT_FOUND',
  NotConfigured = 'KSEF_CREDENTIALS_NOT_CONFIGURED',
  PlanForbidsPrd = 'KSEF_PLAN_FORBIDS_PRD',
  Rejected = 'KSEF_AUTH_REJECTED',
  Unavailable = 'KSEF_UNAVAILABLE',
}

type Code = KsefCredentialsExceptionCode;
const Codes = KsefCredentialsExceptionCode;

export class KsefCredentialsException extends DomainException {
  private static field(code: Code, path: string, detail: string): KsefCredentialsException {
    return new KsefCredentialsException(code, 400, detail, [{ path, message: detail }]);
  }

  static certificateInvalid(): KsefCredentialsException {
    return this.field(
      Codes.CertificateInvalid,
      'certificatePem',
      'Plik certyfikatu (.crt) nie jest poprawnym certyfikatem X.509 (PEM lub DER w Base64).',
    );
  }

  static certificateExpired(validTo: string): KsefCredentialsException {
    return this.field(Codes.CertificateExpired, 'certificatePem', `Certyfikat wygasł (ważny do ${validTo}).`);
  }

  static privateKeyInvalid(): KsefCredentialsException {
    return this.field(
      Codes.PrivateKeyInvalid,
      'privateKeyPem',
      'Plik klucza prywatnego (.key) nie jest poprawnym kluczem (PEM).',
    );
  }

  static privateKeyPassword(missing: boolean): KsefCredentialsException {
    return this.field(
      Codes.PrivateKeyPassword,
      'privateKeyPassword',
      missing
        ? 'Klucz prywatny jest zaszyfrowany: podaj hasło do klucza.'
        : 'Nieprawidłowe hasło do klucza prywatnego.',
    );
  }

  static certificateKeyMismatch(): KsefCredentialsException {
    return this.field(Codes.CertificateKeyMismatch, 'privateKeyPem', 'Klucz prywatny nie pasuje do certyfikatu.');
  }

  static xmlNotSigned(detail: string): KsefCredentialsException {
    return this.field(Codes.XmlNotSigned, 'signedXml', detail);
  }

  static xmlInvalid(detail: string): KsefCredentialsException {
    return this.field(Codes.XmlInvalid, 'signedXml', detail);
  }

  static xmlWrongChallenge(detail: string): KsefCredentialsException {
    return this.field(Codes.XmlWrongChallenge, 'signedXml', detail);
  }

  static signingRequestNotFound(): KsefCredentialsException {
    return new KsefCredentialsException(
      Codes.SigningRequestNotFound,
      404,
      'Nie znaleziono żądania do podpisu albo wygasło (ważne 10 minut). Wygeneruj je ponownie.',
      [{ path: 'requestId', message: 'Nieznane lub wygasłe żądanie.' }],
    );
  }

  static notConfigured(): KsefCredentialsException {
    return new KsefCredentialsException(
      Codes.NotConfigured,
      409,
      'Firma nie ma skonfigurowanych poświadczeń KSeF. Dodaj token, certyfikat lub podpisz żądanie uwierzytelnienia.',
    );
  }

  static planForbidsPrd(): KsefCredentialsException {
    return new KsefCredentialsException(
      Codes.PlanForbidsPrd,
      422,
      'Firma w planie demonstracyjnym nie może łączyć się z produkcyjnym KSeF.',
    );
  }

  /** KSeF refused the credential (the reason, in Polish, is also shown in the connection panel). */
  static rejected(detail: string): KsefCredentialsException {
    return new KsefCredentialsException(Codes.Rejected, 422, detail);
  }

  static unavailable(detail: string): KsefCredentialsException {
    return new KsefCredentialsException(Codes.Unavailable, 502, detail);
  }
}
