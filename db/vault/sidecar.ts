/**
 * The key-slot sidecar `registre.keys` (DESIGN §4). Plain JSON holding only random ids,
 * KDF parameters and sealed keys: no staff name, no personal data. Which person a slot
 * belongs to is recorded inside the encrypted vault (staff.key_slot_id).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RegistreError } from '../../shared/errors';
import { writeFileAtomic } from './atomic-file';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const sealed = z.object({ iv: b64, ct: b64, tag: b64 });
const sealedToPk = sealed.extend({ epk: b64 });

const slot = z.object({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  publicKey: b64,
  /** The slot's X25519 private key, sealed under the passphrase-derived key. */
  privateKey: sealed,
  /** The data key(s) sealed to this slot's public key, by data-key id. */
  dataKeys: z.record(z.string(), sealedToPk),
});

export const sidecarSchema = z.object({
  format: z.literal('registre.keys'),
  version: z.literal(1),
  vaultId: z.string().regex(/^[0-9a-f-]{36}$/),
  kdf: z.object({
    alg: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 22),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    salt: b64,
  }),
  /** Id of the data key the database file is encrypted with. */
  currentKeyId: z.string(),
  /**
   * Set only during a rekey: the id of the new data key. Until the rekey finishes, the
   * database file may be encrypted with either key; unlock tries current, then pending.
   */
  pendingKeyId: z.string().nullable(),
  /**
   * Per data-key id, a MAC of a constant under that key: lets a typed recovery key be
   * checked without touching the database file. Reveals nothing about the key.
   */
  keyChecks: z.record(z.string(), z.string().regex(/^[0-9a-f]{32}$/)),
  slots: z.array(slot),
});

export type Sidecar = z.infer<typeof sidecarSchema>;
export type Slot = z.infer<typeof slot>;

export function readSidecar(path: string): Sidecar {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new RegistreError('not_found', 'The key file registre.keys is missing next to the vault. Restore it from a backup, or unlock with the recovery key.', { reason: 'keys_missing' });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new RegistreError('internal', 'The key file registre.keys is damaged (not valid JSON). Restore it from a backup, or use the recovery key.', { reason: 'keys_damaged' });
  }
  const parsed = sidecarSchema.safeParse(json);
  if (!parsed.success) {
    throw new RegistreError('internal', 'The key file registre.keys is damaged or from an unknown version. Restore it from a backup, or use the recovery key.', { reason: 'keys_damaged' });
  }
  return parsed.data;
}

export function writeSidecar(path: string, sidecar: Sidecar): void {
  writeFileAtomic(path, JSON.stringify(sidecarSchema.parse(sidecar), null, 2) + '\n');
}
