import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SECURE_STORE_KEYS,
  SECURE_STORE_VALUE_MAX_BYTES,
  utf8ByteLength,
  type SecureStoreKey,
} from '@shared/ipc/contract';
import { parseSecureStoreFile, serializeSecureStoreFile, type SecureStoreEntries } from './secure-store-file';

/*
 * Small secrets (refresh token, device id, database key) encrypted with an
 * OS-backed cipher and kept in one file in userData. The cipher is injected:
 * Electron's safeStorage in the app, a reversible fake in tests.
 */

export interface SecretCipher {
  /** False when the OS offers no real key store; the store then refuses to work rather than write weak ciphertext. */
  isAvailable(): boolean;
  encrypt(plaintext: string): Uint8Array;
  decrypt(ciphertext: Uint8Array): string;
}

export interface SecureStore {
  get(key: SecureStoreKey): Promise<string | null>;
  set(key: SecureStoreKey, value: string): Promise<void>;
  delete(key: SecureStoreKey): Promise<void>;
}

export class SecureStoreUnavailableError extends Error {
  override name = 'SecureStoreUnavailableError';
  constructor() {
    super(
      'Secure storage is unavailable: the operating system provides no key store (on Linux, install and unlock a Secret Service such as GNOME Keyring or KWallet)',
    );
  }
}

export const SECURE_STORE_FILE_NAME = 'secure-store.json';

function assertKey(key: string): asserts key is SecureStoreKey {
  if (!(SECURE_STORE_KEYS as readonly string[]).includes(key)) {
    throw new RangeError(`secure store key must be one of ${SECURE_STORE_KEYS.join(', ')}; got "${key}"`);
  }
}

export function createSecureStore(options: { directory: string; cipher: SecretCipher }): SecureStore {
  const filePath = path.join(options.directory, SECURE_STORE_FILE_NAME);
  const { cipher } = options;
  // Serialises read-modify-write cycles so two concurrent sets cannot drop each other's entry.
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function requireCipher(): void {
    if (!cipher.isAvailable()) throw new SecureStoreUnavailableError();
  }

  async function load(): Promise<SecureStoreEntries> {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    return parseSecureStoreFile(text);
  }

  async function save(entries: SecureStoreEntries): Promise<void> {
    await mkdir(options.directory, { recursive: true });
    // Write-then-rename: a crash mid-write leaves the previous file intact instead of a torn one.
    const temporary = `${filePath}.${process.pid}.tmp`;
    await writeFile(temporary, serializeSecureStoreFile(entries), { mode: 0o600 });
    await rename(temporary, filePath);
  }

  return {
    async get(key) {
      assertKey(key);
      return exclusive(async () => {
        requireCipher();
        const stored = (await load())[key];
        if (stored === undefined) return null;
        try {
          return cipher.decrypt(Buffer.from(stored, 'base64'));
        } catch (error) {
          // Surfaced rather than reported as "absent": silently losing db_key would orphan the local database.
          throw new Error(`Cannot decrypt secure store entry "${key}" (was the OS key store reset?)`, { cause: error });
        }
      });
    },
    async set(key, value) {
      assertKey(key);
      if (utf8ByteLength(value) > SECURE_STORE_VALUE_MAX_BYTES) {
        throw new RangeError(
          `secure store value for "${key}" must be at most ${SECURE_STORE_VALUE_MAX_BYTES} bytes (UTF-8)`,
        );
      }
      return exclusive(async () => {
        requireCipher();
        const entries = await load();
        entries[key] = Buffer.from(cipher.encrypt(value)).toString('base64');
        await save(entries);
      });
    },
    async delete(key) {
      assertKey(key);
      return exclusive(async () => {
        const entries = await load();
        if (!(key in entries)) return;
        delete entries[key];
        await save(entries);
      });
    },
  };
}
