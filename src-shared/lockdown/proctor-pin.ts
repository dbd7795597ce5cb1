import { scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes } from '@noble/hashes/utils.js';

/*
 * The proctor PIN that unlocks an exam station (exit, extra time). Stations
 * check it offline, so what syncs (User.proctor_pin_hash) is a salted scrypt
 * verifier, never the PIN. @noble/hashes is pure JavaScript: the same code
 * hashes in the browser, in Electron's renderer and in Node tests.
 *
 * Encoding: `scrypt$<logN>$<r>$<p>$<salt base64url>$<hash base64url>`. The
 * parameters travel with the verifier, so they can be raised later and older
 * verifiers still check. N = 2^15, r = 8 (32 MiB) costs about 0.1–0.3 s in a
 * browser: slow enough to make each guess costly, fast enough to check a
 * handful of proctors' verifiers in turn.
 *
 * A 6-digit PIN has only a million values: the verifier alone does not stop an
 * offline guesser, which is why the sync permissions give it only to its owner
 * and to exam stations, and why the station throttles wrong PINs (pin-throttle).
 */

export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

export interface PinScryptParams {
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_PIN_PARAMS: PinScryptParams = { logN: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
const PREFIX = 'scrypt';
/** Bounds on stored parameters: a forged verifier must not make the station hash for minutes or exhaust memory. */
const LIMITS = { logN: [10, 20], r: [1, 16], p: [1, 4] } as const;

export class ProctorPinError extends Error {
  override name = 'ProctorPinError';
}

/** Why a PIN is not acceptable, in words for the person typing it, or null when it is. */
export function pinProblem(pin: string): string | null {
  if (pin.length === 0) return 'Enter the PIN.';
  if (!/^\d+$/.test(pin)) return 'The PIN is digits only.';
  if (pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) {
    return `The PIN has ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits.`;
  }
  return null;
}

/** A PIN one could guess first; refused when a proctor sets theirs. */
export function isTrivialPin(pin: string): boolean {
  if (/^(\d)\1+$/.test(pin)) return true;
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10));
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ProctorPinError('PIN verifier is not valid base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

interface ParsedVerifier {
  params: PinScryptParams;
  salt: Uint8Array;
  hash: Uint8Array;
}

export function parsePinVerifier(verifier: string): ParsedVerifier {
  const parts = verifier.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) {
    throw new ProctorPinError('PIN verifier is not in the scrypt$logN$r$p$salt$hash format');
  }
  const [logN, r, p] = parts.slice(1, 4).map((v) => (/^\d{1,2}$/.test(v) ? Number(v) : NaN)) as [
    number,
    number,
    number,
  ];
  const params = { logN, r, p };
  for (const [name, [min, max]] of Object.entries(LIMITS)) {
    const value = params[name as keyof PinScryptParams];
    if (!(value >= min && value <= max)) {
      throw new ProctorPinError(`PIN verifier parameter ${name} must be between ${min} and ${max}`);
    }
  }
  const salt = fromBase64Url(parts[4]!);
  const hash = fromBase64Url(parts[5]!);
  if (salt.length < 8) throw new ProctorPinError('PIN verifier salt is too short');
  if (hash.length < 16) throw new ProctorPinError('PIN verifier hash is too short');
  return { params, salt, hash };
}

function derive(pin: string, salt: Uint8Array, params: PinScryptParams, dkLen: number): Promise<Uint8Array> {
  return scryptAsync(pin, salt, { N: 2 ** params.logN, r: params.r, p: params.p, dkLen });
}

export async function hashProctorPin(pin: string, params: PinScryptParams = DEFAULT_PIN_PARAMS): Promise<string> {
  const problem = pinProblem(pin);
  if (problem) throw new ProctorPinError(problem);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt, params, HASH_BYTES);
  return [PREFIX, params.logN, params.r, params.p, toBase64Url(salt), toBase64Url(hash)].join('$');
}

/** Compares every byte whatever the first difference, so timing does not tell how much matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * True when `pin` matches the verifier. A PIN that breaks the rules is simply
 * not a match; a verifier that cannot be read throws ProctorPinError, because
 * that is a data problem someone must fix, not a wrong guess.
 */
export async function verifyProctorPin(pin: string, verifier: string): Promise<boolean> {
  const { params, salt, hash } = parsePinVerifier(verifier);
  if (pinProblem(pin) !== null) return false;
  const actual = await derive(pin, salt, params, hash.length);
  return constantTimeEqual(actual, hash);
}
