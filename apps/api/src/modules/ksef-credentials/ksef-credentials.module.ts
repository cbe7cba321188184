import { type KeyVault, SecretBox } from '@bufor/platform';
import { Module } from '@nestjs/common';
import { KEY_VAULT } from '../../infrastructure/platform.module';
import { KsefConnectionController } from './ksef-connection.controller';
import { KsefConnectionService } from './ksef-connection.service';
import { KsefCredentialAccess } from './ksef-credential-access';
import { KsefCredentialsController } from './ksef-credentials.controller';
import { KsefCredentialsRepository } from './ksef-credentials.repository';
import { KsefCredentialsService } from './ksef-credentials.service';
import { KsefGateway } from './ksef-gateway';
import { PendingSignatureStore } from './pending-signature.store';

@Module({
  controllers: [KsefCredentialsController, KsefConnectionController],
  providers: [
    { provide: SecretBox, inject: [KEY_VAULT], useFactory: (vault: KeyVault) => new SecretBox(vault) },
    KsefCredentialsRepository,
    KsefCredentialsService,
    KsefConnectionService,
    KsefCredentialAccess,
    KsefGateway,
    PendingSignatureStore,
  ],
})
export class KsefCredentialsModule {}
