import type { AssistTenBridge } from '@shared/ipc/bridge';

/*
 * Snapshots are encrypted at rest with AES-GCM (WebCrypto, which runs the
 * cipher off the main thread) under one key per station.
 *
 * Where the key lives, and what that protects against:
 * - Electron: 256 random bits in the main process's secure store
 *   (`snapshot_key`, OS keychain through safeStorage). The renderer imports
 *   them as a non-extractable CryptoKey. Someone who copies the profile
 *   folder, or takes the disk, cannot read snapshots without also unlocking
 *   the OS account's keychain.
 * - Browser build: a non-extractable CryptoKey kept in IndexedDB (structured
 *   clone). Script on the page cannot export it, but Chromium stores the key
 *   material in the same profile folder as the ciphertext: this stops casual
 *   reading of the IndexedDB files and other origins, not an attacker with
 *   the whole profile. The browser build is not the kiosk deployment.
 * In both cases code running in the app's own origin can still decrypt (it
 * must, to upload); the defence there is the CSP and the sandbox.
 */

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

const ALGORITHM = { name: 'AES-GCM', length: 256 } as const;

export async function seal(key: CryptoKey, plain: ArrayBuffer, associated: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(associated) },
    key,
    plain,
  );
  return { iv, data };
}

/** Throws if the data was altered or sealed for another `associated` (e.g. moved to another event). */
export function open(key: CryptoKey, sealed: Sealed, associated: string): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: new TextEncoder().encode(associated) },
    key,
    sealed.data,
  );
}

export function generateStationKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey(ALGORITHM, false, ['encrypt', 'decrypt']);
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The station key from Electron's secure store, created on first use; imported non-extractable. */
export async function secureStoreKey(bridge: AssistTenBridge): Promise<CryptoKey> {
  const kept = await bridge.invoke('secure-store:get', { key: 'snapshot_key' });
  let raw: Uint8Array<ArrayBuffer>;
  if (kept.value) raw = fromBase64(kept.value);
  else {
    raw = crypto.getRandomValues(new Uint8Array(32));
    await bridge.invoke('secure-store:set', { key: 'snapshot_key', value: toBase64(raw) });
  }
  const key = await crypto.subtle.importKey('raw', raw, ALGORITHM, false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
