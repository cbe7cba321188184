import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** argon2id password hashing behind a small adapter, so services do not import the SDK. */
@Injectable()
export class PasswordHasher {
  // Verified against when the account does not exist, so the response time does not reveal which e-mails exist.
  private readonly dummyHash = hash('bufor-timing-equaliser', { type: argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
