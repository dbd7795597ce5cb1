import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';

/*
 * Offline sign-in checks a password against a verifier kept on this device:
 * a scrypt digest with a random salt, never the password. Verifiers live in
 * RxDB local documents (`verifier:<userId>`), which are not replicated, so a
 * device only ever holds verifiers for the people who set a password on it.
 * The parameters travel with each verifier, so they can be raised later and
 * old verifiers still check.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  dkLen: number;
}

/** Interactive-login strength (RFC 7914 §2): about 32 MiB and a fraction of a second. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };

const SALT_BYTES = 16;
/** Long enough for any passphrase; bounds the work an absurd input could cause. */
export const MAX_PASSWORD_LENGTH = 1024;

export interface LocalVerifier {
  version: 1;
  algorithm: 'scrypt';
  params: ScryptParams;
  salt: string;
  hash: string;
  created_at: string;
}

/** The small part of an RxDB database that verifiers need (local documents). */
export interface LocalDocumentStore {
  upsertLocal(id: string, data: LocalVerifier): Promise<unknown>;
  getLocal(id: string): Promise<{ toJSON(): { data: unknown } } | null>;
}

export function verifierKey(userId: string): string {
  return `verifier:${userId}`;
}

function assertUsablePassword(password: string) {
  if (password.length === 0) throw new Error('A password is required');
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new Error(`A password may have at most ${MAX_PASSWORD_LENGTH} characters`);
}

async function derive(password: string, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  // NFKC so that the same password typed on another keyboard layout or OS still matches.
  return scryptAsync(password.normalize('NFKC'), salt, { ...params });
}

export async function createVerifier(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
  now: Date = new Date(),
): Promise<LocalVerifier> {
  assertUsablePassword(password);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  return {
    version: 1,
    algorithm: 'scrypt',
    params,
    salt: bytesToHex(salt),
    hash: bytesToHex(hash),
    created_at: now.toISOString(),
  };
}

/** Compares every byte whatever the first difference, so timing does not leak how much matched. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export async function checkVerifier(verifier: LocalVerifier, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = hexToBytes(verifier.hash);
  const actual = await derive(password, hexToBytes(verifier.salt), { ...verifier.params, dkLen: expected.length });
  return constantTimeEqual(actual, expected);
}

function isLocalVerifier(value: unknown): value is LocalVerifier {
  const v = value as Partial<LocalVerifier> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    v.algorithm === 'scrypt' &&
    typeof v.salt === 'string' &&
    typeof v.hash === 'string' &&
    typeof v.params?.N === 'number'
  );
}

/** Sets (or replaces) the password a user signs in with on this device. */
export async function setLocalPassword(store: LocalDocumentStore, userId: string, password: string): Promise<void> {
  const verifier = await createVerifier(password);
  await store.upsertLocal(verifierKey(userId), verifier);
}

export async function hasLocalPassword(store: LocalDocumentStore, userId: string): Promise<boolean> {
  const doc = await store.getLocal(verifierKey(userId));
  return doc !== null && isLocalVerifier(doc.toJSON().data);
}

/*
 * Checked when the account has no verifier, so that "unknown email" and
 * "wrong password" take the same time and cannot be told apart.
 */
let decoy: Promise<LocalVerifier> | undefined;

/** True only if the user has a verifier on this device and the password matches it. */
export async function verifyLocalPassword(
  store: LocalDocumentStore,
  userId: string | undefined,
  password: string,
): Promise<boolean> {
  const doc = userId === undefined ? null : await store.getLocal(verifierKey(userId));
  const data = doc?.toJSON().data;
  if (!isLocalVerifier(data)) {
    decoy ??= createVerifier('decoy-password-never-matches');
    await checkVerifier(await decoy, password);
    return false;
  }
  return checkVerifier(data, password);
}
