import { type KeyVault, parseSecretEnvelope, SecretBox } from '@bufor/platform';
import type { KsefCredentialsRepository } from './ksef-credentials.repository';

export interface RotationReport {
  tenants: number;
  resealed: number;
  alreadyCurrent: number;
}

/**
 * Re-wraps every tenant's sealed KSeF credential under a new master key: each envelope is opened with the vault of
 * the old key and sealed again with a fresh data key from the new vault, one tenant transaction at a time (row
 * locked), then opened again with the new vault before commit, so a credential is never lost half-way. Envelopes
 * already under the new key are left alone: an interrupted rotation is finished by running it again.
 */
export async function rotateMasterKey(input: {
  credentials: KsefCredentialsRepository;
  oldVault: KeyVault;
  newVault: KeyVault;
  newKeyId: string;
}): Promise<RotationReport> {
  const oldBox = new SecretBox(input.oldVault);
  const newBox = new SecretBox(input.newVault);
  const report: RotationReport = { tenants: 0, resealed: 0, alreadyCurrent: 0 };
  for (const tenantId of await input.credentials.allTenantIds()) {
    report.tenants += 1;
    await input.credentials.reseal({ id: tenantId }, async (envelope) => {
      if (parseSecretEnvelope(envelope).keyId === input.newKeyId) {
        report.alreadyCurrent += 1;
        return envelope;
      }
      const secret = await oldBox.open(tenantId, envelope);
      const resealed = await newBox.seal(tenantId, secret);
      // Proof before commit: the new envelope opens under the new key to the same bytes.
      if (!(await newBox.open(tenantId, resealed)).reveal().equals(secret.reveal())) {
        throw new Error(`re-sealed credential of tenant ${tenantId} does not round-trip`);
      }
      report.resealed += 1;
      return resealed;
    });
  }
  return report;
}
