import { constants, privateDecrypt } from 'node:crypto';
import { KsefError, validationError } from '../core/errors';
import type { SimulatorContext } from '../simulator-context';
import { isSupportedFormCode } from './invoice-processing.service';

export interface EncryptionBody {
  encryptedSymmetricKey: string;
  initializationVector: string;
  publicKeyId?: string | null;
}

export interface FormCodeBody {
  systemCode: string;
  schemaVersion: string;
  value: string;
}

/**
 * Sync checks shared by online and batch open (21405 form code / IV, 21470 key id) and the unwrapping of the
 * AES key. A key that cannot be decrypted is not a sync error: the session later ends with status 415.
 */
export function unwrapSessionKey(
  ctx: SimulatorContext,
  formCode: FormCodeBody,
  encryption: EncryptionBody,
): { key: Buffer | null; iv: Buffer } {
  if (!isSupportedFormCode(formCode)) {
    throw validationError(
      `formCode: symulator obsługuje tylko FA (3) / 1-0E / FA, otrzymano ${formCode.systemCode} / ${formCode.schemaVersion} / ${formCode.value}`,
    );
  }
  if (encryption.publicKeyId && encryption.publicKeyId !== ctx.keys.symmetricKeyEncryption.publicKeyId) {
    throw new KsefError(21470, 'Nieznany lub wycofany identyfikator klucza publicznego.', [encryption.publicKeyId]);
  }
  const iv = Buffer.from(encryption.initializationVector, 'base64');
  if (iv.length !== 16) throw validationError('encryption.initializationVector: wektor inicjujący musi mieć 16 bajtów');
  try {
    const key = privateDecrypt(
      {
        key: ctx.keys.symmetricKeyEncryption.privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      Buffer.from(encryption.encryptedSymmetricKey, 'base64'),
    );
    return { key: key.length === 32 ? key : null, iv };
  } catch {
    return { key: null, iv };
  }
}
