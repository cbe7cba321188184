import { type KeyVault, parseSecretEnvelope, removeMasterKey, SecretBox } from '@bufor/platform';
import type { KsefCredentialsRepository } from './ksef-credentials.repository';

export interface RotationReport {
  tenants: number;
  resealed: number;
  alreadyCurrent: number;
}

/** A vault whose master key can change: the local keyring (AWS KMS rotates behind one key id by itself). */
export type RotatingKeyVault = KeyVault & { activeKeyId(): Promise<string> };

/**
 * Re-wraps every tenant's sealed KSeF credential under the vault's active master key: each envelope under another
 * key is opened (the keyring still holds the old key) and sealed again with a fresh data key, one tenant transaction
 * at a time (row locked), then opened again before commit, so a credential is never lost half-way. Envelopes already
 * under the active key are left alone: an interrupted run is finished by running it again. Running apps keep
 * reading throughout: their keyring unwraps both the old and the new envelopes.
 */
export async function rotateMasterKey(input: {
  credentials: KsefCredentialsRepository;
  vault: RotatingKeyVault;
}): Promise<RotationReport> {
  const box = new SecretBox(input.vault);
  const report: RotationReport = { tenants: 0, resealed: 0, alreadyCurrent: 0 };
  for (const tenantId of await input.credentials.allTenantIds()) {
    report.tenants += 1;
    await input.credentials.reseal({ id: tenantId }, async (envelope) => {
      const active = await input.vault.activeKeyId();
      if (parseSecretEnvelope(envelope).keyId === active) {
        report.alreadyCurrent += 1;
        return envelope;
      }
      const secret = await box.open(tenantId, envelope);
      const resealed = await box.seal(tenantId, secret);
      // Proof before commit: the new envelope opens to the same bytes.
      if (!(await box.open(tenantId, resealed)).reveal().equals(secret.reveal())) {
        throw new Error(`re-sealed credential of tenant ${tenantId} does not round-trip`);
      }
      report.resealed += 1;
      return resealed;
    });
  }
  return report;
}

/** How many credentials each master key wraps now (key id -> count). */
export async function credentialsPerMasterKey(credentials: KsefCredentialsRepository): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const tenantId of await credentials.allTenantIds()) {
    const envelope = (await credentials.find({ id: tenantId }))?.secretEnvelope;
    if (!envelope) continue;
    const keyId = parseSecretEnvelope(envelope).keyId;
    counts.set(keyId, (counts.get(keyId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Removes an old master key from the keyring file once no credential is wrapped by it any more; refuses otherwise
 * (and for the active key), so retiring can never make a stored credential unreadable.
 */
export async function retireMasterKey(input: {
  credentials: KsefCredentialsRepository;
  keyringFile: string;
  keyId: string;
}): Promise<void> {
  const inUse = (await credentialsPerMasterKey(input.credentials)).get(input.keyId) ?? 0;
  if (inUse > 0) {
    throw new Error(
      `master key ${input.keyId} still wraps ${inUse} credential${inUse === 1 ? '' : 's'}: re-wrap them first (rewrap)`,
    );
  }
  await removeMasterKey(input.keyringFile, input.keyId);
}
