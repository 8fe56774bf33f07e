/**
 * Key wrapping for the key-slot sidecar (DESIGN §4).
 *
 * Each staff slot owns an X25519 key pair. Its private key is sealed with AES-256-GCM under
 * a key derived from the person's passphrase (scrypt). The vault's data key is sealed to
 * each slot's *public* key, so an admin can rekey the vault and re-seal the new data key
 * for every colleague without knowing their passphrases, and removing a slot then
 * rekeying locks that person out for good.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { normalisePassphrase } from '../../shared/rules/passphrase';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/** ~300 ms on a 2020 office laptop: the deliberate cost of one passphrase guess. */
export const DEFAULT_SCRYPT: Omit<ScryptParams, 'salt'> = { N: 2 ** 17, r: 8, p: 1 };

export interface Sealed {
  /** base64 */
  iv: string;
  ct: string;
  tag: string;
}

export type ScryptCost = Omit<ScryptParams, 'salt'>;

export function newScryptParams(cost: ScryptCost = DEFAULT_SCRYPT): ScryptParams {
  return { ...cost, salt: randomBytes(16).toString('base64') };
}

export function derivePassphraseKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const secret = Buffer.from(normalisePassphrase(passphrase), 'utf8');
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 }, (err, key) => {
      secret.fill(0);
      if (err) reject(err);
      else resolve(key);
    });
  });
}

export function sealWithKey(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Returns null when the key is wrong or the box was altered (GCM tag mismatch). */
export function openWithKey(key: Buffer, box: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export interface SlotKeyPair {
  /** SPKI DER, base64 */
  publicKey: string;
  /** PKCS#8 DER */
  privateKey: Buffer;
}

export function newSlotKeyPair(): SlotKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

export interface SealedToPublicKey extends Sealed {
  /** The sender's one-time X25519 public key, SPKI DER base64. */
  epk: string;
}

function boxKey(shared: Buffer, aad: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), `registre seal ${aad}`, 32));
}

/** ECIES: one-time X25519 key pair + HKDF + AES-256-GCM. */
export function sealToPublicKey(publicKeyB64: string, plaintext: Buffer, aad: string): SealedToPublicKey {
  const recipient = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const key = boxKey(diffieHellman({ privateKey: eph.privateKey, publicKey: recipient }), aad);
  const sealed = sealWithKey(key, plaintext, aad);
  key.fill(0);
  return { ...sealed, epk: eph.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

export function openFromPublicKey(privateKeyDer: Buffer, box: SealedToPublicKey, aad: string): Buffer | null {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
  const epk = createPublicKey({ key: Buffer.from(box.epk, 'base64'), format: 'der', type: 'spki' });
  const key = boxKey(diffieHellman({ privateKey, publicKey: epk }), aad);
  const out = openWithKey(key, box, aad);
  key.fill(0);
  return out;
}
