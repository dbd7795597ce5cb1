import type { SecretCipher } from './secure-store';

/*
 * Adapts Electron's safeStorage (DPAPI on Windows, Keychain on macOS, Secret
 * Service/KWallet on Linux) to the secure store's cipher interface.
 */

/** The subset of Electron's safeStorage used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageCipher(safeStorage: SafeStorageLike, platform: string): SecretCipher {
  return {
    isAvailable() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      // On Linux without a keyring Chromium falls back to 'basic_text': a hard-coded key, i.e. obfuscation only.
      return !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
    },
    encrypt: (plaintext) => safeStorage.encryptString(plaintext),
    decrypt: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext)),
  };
}
