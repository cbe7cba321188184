import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KmsStubRequest {
  target: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface KmsStub {
  endpoint: string;
  keyArn: string;
  requests: KmsStubRequest[];
  close(): Promise<void>;
}

/**
 * A minimal stand-in for the AWS KMS JSON 1.1 protocol (GenerateDataKey and Decrypt only), for tests of
 * AwsKmsKeyVault: KMS is external and cannot run here. Like KMS, it binds the encryption context to the
 * ciphertext, so a Decrypt with another context fails with InvalidCiphertextException.
 */
export async function startKmsStub(): Promise<KmsStub> {
  const keyArn = 'arn:aws:kms:eu-central-1:111122223333:key/0d6f9c1e-stub-4b7e-9d1e-5a3c2f1b0e9d';
  const keyMaterial = randomBytes(32);
  const requests: KmsStubRequest[] = [];

  const server = createServer((request, response) => {
    void readJson(request).then(
      (body) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        requests.push({ target, authorization: request.headers.authorization, body });
        handle(target, body, response);
      },
      () => reply(response, 400, { __type: 'SerializationException', message: 'body is not JSON' }),
    );
  });

  function handle(target: string, body: Record<string, unknown>, response: ServerResponse): void {
    const context = canonicalContext(body['EncryptionContext']);
    if (body['KeyId'] !== undefined && body['KeyId'] !== keyArn) {
      const type = target === 'TrentService.Decrypt' ? 'IncorrectKeyException' : 'NotFoundException';
      return reply(response, 400, { __type: type, message: `Key '${JSON.stringify(body['KeyId'])}' does not exist` });
    }
    switch (target) {
      case 'TrentService.GenerateDataKey': {
        if (body['KeySpec'] !== 'AES_256')
          return reply(response, 400, { __type: 'ValidationException', message: 'KeySpec' });
        const plaintext = randomBytes(32);
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', keyMaterial, iv).setAAD(context);
        const blob = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
        return reply(response, 200, {
          KeyId: keyArn,
          Plaintext: plaintext.toString('base64'),
          CiphertextBlob: blob.toString('base64'),
        });
      }
      case 'TrentService.Decrypt': {
        const blob = Buffer.from(typeof body['CiphertextBlob'] === 'string' ? body['CiphertextBlob'] : '', 'base64');
        try {
          const decipher = createDecipheriv('aes-256-gcm', keyMaterial, blob.subarray(0, 12)).setAAD(context);
          decipher.setAuthTag(blob.subarray(blob.length - 16));
          const plaintext = Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
          return reply(response, 200, { KeyId: keyArn, Plaintext: plaintext.toString('base64') });
        } catch {
          return reply(response, 400, { __type: 'InvalidCiphertextException', message: '' });
        }
      }
      default:
        return reply(response, 400, { __type: 'UnknownOperationException', message: target });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    keyArn,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function canonicalContext(context: unknown): Buffer {
  const entries = Object.entries((context ?? {}) as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));
  return Buffer.from(JSON.stringify(entries), 'utf8');
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function reply(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}
