import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/*
 * Deterministic ids for entities with a unique constraint. Two devices that
 * create "the same" row offline (the same answer, the same application)
 * produce the same primary key, so storage refuses the second insert locally
 * and replication merges them instead of keeping duplicates.
 */

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** Case, accents of spacing and surrounding blanks do not make a name distinct. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

const PREFIX_LENGTH = 40; // 160 bits of the digest: collisions are not a practical concern.

export function derivedId(prefix: string, parts: readonly string[]): string {
  // NUL cannot occur in any of our text fields, so joined parts cannot be confused.
  return `${prefix}_${sha256Hex(parts.join('\u0000')).slice(0, PREFIX_LENGTH)}`;
}

export function randomId(): string {
  return crypto.randomUUID();
}
