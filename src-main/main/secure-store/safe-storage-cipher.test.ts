import { describe, expect, it } from 'vitest';
import { safeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';

function fakeSafeStorage(available: boolean, backend?: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
    encryptString: (text) => Buffer.from(`enc:${text}`),
    decryptString: (data) => data.toString().replace(/^enc:/, ''),
  };
}

describe('safeStorageCipher', () => {
  it('is available with a real key store', () => {
    expect(safeStorageCipher(fakeSafeStorage(true, 'gnome_libsecret'), 'linux').isAvailable()).toBe(true);
    expect(safeStorageCipher(fakeSafeStorage(true), 'win32').isAvailable()).toBe(true);
  });

  it("treats Linux's hard-coded 'basic_text' fallback as unavailable", () => {
    expect(safeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux').isAvailable()).toBe(false);
  });

  it('is unavailable when safeStorage says so', () => {
    expect(safeStorageCipher(fakeSafeStorage(false), 'darwin').isAvailable()).toBe(false);
  });

  it('round-trips through safeStorage', () => {
    const cipher = safeStorageCipher(fakeSafeStorage(true), 'darwin');
    expect(cipher.decrypt(cipher.encrypt('secret'))).toBe('secret');
  });
});
