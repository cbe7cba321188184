import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A decrypted secret. It prints, logs and serialises as "[redacted]"; the value comes out only through reveal(),
 * so a secret passed around with other data cannot leak into a log line or an API response by accident.
 */
export class SecretValue {
  readonly #value: Buffer;

  constructor(value: string | Buffer) {
    this.#value = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  }

  /** A copy of the secret bytes. */
  reveal(): Buffer {
    return Buffer.from(this.#value);
  }

  /** The secret as UTF-8 text. */
  revealString(): string {
    return this.#value.toString('utf8');
  }

  get byteLength(): number {
    return this.#value.length;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `SecretValue(${REDACTED})`;
  }
}
