import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Certificate and key files are small; anything bigger is not what we asked for. */
const MAX_FILE_CHARS = 64 * 1024;

const fileText = (name: string) =>
  z
    .string({ error: `Załącz ${name}.` })
    .min(1, { error: `Załącz ${name}.` })
    .max(MAX_FILE_CHARS, { error: `Plik jest za duży (najwyżej ${MAX_FILE_CHARS / 1024} KB).` });

export const setKsefTokenSchema = z.object({
  token: z
    .string({ error: 'Podaj token KSeF.' })
    .trim()
    .min(16, { error: 'Token KSeF jest za krótki.' })
    .max(1000, { error: 'Token KSeF jest za długi.' })
    .regex(/^\S+$/, { error: 'Token KSeF nie może zawierać spacji ani znaków nowej linii.' }),
});

export const setKsefCertificateSchema = z.object({
  certificatePem: fileText('certyfikat (.crt)'),
  privateKeyPem: fileText('klucz prywatny (.key)'),
  privateKeyPassword: z.string().max(1000, { error: 'Hasło jest za długie.' }).optional(),
});

export const completeExternalSigningSchema = z.object({
  requestId: z.uuid({ error: 'Nieprawidłowy identyfikator żądania.' }),
  signedXml: z
    .string({ error: 'Załącz podpisany plik XML.' })
    .min(1, { error: 'Załącz podpisany plik XML.' })
    .max(1024 * 1024, { error: 'Plik jest za duży (najwyżej 1 MB).' }),
});

export class SetKsefTokenDto extends createZodDto(setKsefTokenSchema) {}
export class SetKsefCertificateDto extends createZodDto(setKsefCertificateSchema) {}
export class CompleteExternalSigningDto extends createZodDto(completeExternalSigningSchema) {}
