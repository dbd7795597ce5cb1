import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecureStoreKey } from '@shared/ipc/contract';
import {
  SECURE_STORE_FILE_NAME,
  SecureStoreUnavailableError,
  createSecureStore,
  type SecretCipher,
} from './secure-store';

/** Reversible stand-in for safeStorage: XOR with a key, prefixed so foreign ciphertext is detectable. */
function fakeCipher(available = true): SecretCipher & { available: boolean } {
  const mask = (bytes: Uint8Array) => bytes.map((byte) => byte ^ 0x5a);
  return {
    available,
    isAvailable() {
      return this.available;
    },
    encrypt: (plaintext) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(plaintext, 'utf8'))]),
    decrypt: (ciphertext) => {
      const bytes = Buffer.from(ciphertext);
      if (bytes.subarray(0, 3).toString() !== 'v10') throw new Error('bad ciphertext');
      return Buffer.from(mask(bytes.subarray(3))).toString('utf8');
    },
  };
}

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'assist-ten-secure-store-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('createSecureStore', () => {
  it('round-trips values and returns null for missing keys', async () => {
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    expect(await store.get('refresh_token')).toBeNull();
    await store.set('refresh_token', 'rt-123');
    await store.set('db_key', 'clé-ß');
    expect(await store.get('refresh_token')).toBe('rt-123');
    expect(await createSecureStore({ directory, cipher: fakeCipher() }).get('db_key')).toBe('clé-ß');
  });

  it('writes only ciphertext, in the documented format, readable only by the user', async () => {
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    await store.set('refresh_token', 'very-secret-token');
    const filePath = path.join(directory, SECURE_STORE_FILE_NAME);
    const text = await readFile(filePath, 'utf8');
    expect(text).not.toContain('very-secret-token');
    const json = JSON.parse(text) as { format: string; version: number; entries: Record<string, string> };
    expect(json.format).toBe('assist-ten-secure-store');
    expect(json.version).toBe(1);
    expect(Object.keys(json.entries)).toEqual(['refresh_token']);
    expect(
      Buffer.from(json.entries.refresh_token ?? '', 'base64')
        .subarray(0, 3)
        .toString(),
    ).toBe('v10');
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);
  });

  it('deletes entries and tolerates deleting what is absent', async () => {
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    await store.set('device_id', 'd1');
    await store.delete('device_id');
    await store.delete('device_id');
    expect(await store.get('device_id')).toBeNull();
  });

  it('refuses keys outside the enum and values over 8 KiB', async () => {
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    await expect(store.get('password' as SecureStoreKey)).rejects.toThrow(
      /must be one of refresh_token, device_id, db_key/,
    );
    await expect(store.set('db_key', 'x'.repeat(8193))).rejects.toThrow(/at most 8192 bytes/);
    // 4097 two-byte characters: under 8192 characters but over 8192 bytes.
    await expect(store.set('db_key', 'é'.repeat(4097))).rejects.toThrow(/at most 8192 bytes/);
    await store.set('db_key', 'x'.repeat(8192));
    expect(await store.get('db_key')).toHaveLength(8192);
  });

  it('refuses to work without an OS key store instead of writing weak ciphertext', async () => {
    const cipher = fakeCipher(false);
    const store = createSecureStore({ directory, cipher });
    await expect(store.set('refresh_token', 'x')).rejects.toBeInstanceOf(SecureStoreUnavailableError);
    await expect(store.get('refresh_token')).rejects.toBeInstanceOf(SecureStoreUnavailableError);
    await expect(readFile(path.join(directory, SECURE_STORE_FILE_NAME))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('does not lose entries when sets run concurrently', async () => {
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    await Promise.all([store.set('refresh_token', 'a'), store.set('device_id', 'b'), store.set('db_key', 'c')]);
    expect([await store.get('refresh_token'), await store.get('device_id'), await store.get('db_key')]).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('keeps working after a failed operation', async () => {
    const cipher = fakeCipher(false);
    const store = createSecureStore({ directory, cipher });
    await expect(store.set('db_key', 'x')).rejects.toThrow();
    cipher.available = true;
    await store.set('db_key', 'x');
    expect(await store.get('db_key')).toBe('x');
  });

  it('reports undecryptable entries instead of pretending they are absent', async () => {
    await writeFile(
      path.join(directory, SECURE_STORE_FILE_NAME),
      JSON.stringify({
        format: 'assist-ten-secure-store',
        version: 1,
        entries: { db_key: Buffer.from('garbage').toString('base64') },
      }),
    );
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    await expect(store.get('db_key')).rejects.toThrow(/Cannot decrypt secure store entry "db_key"/);
  });

  it('reports a corrupt file and leaves it untouched', async () => {
    const filePath = path.join(directory, SECURE_STORE_FILE_NAME);
    await writeFile(filePath, '{not json');
    const store = createSecureStore({ directory, cipher: fakeCipher() });
    await expect(store.set('db_key', 'x')).rejects.toThrow(/not valid JSON/);
    expect(await readFile(filePath, 'utf8')).toBe('{not json');
  });

  it('preserves entries written by a newer version under names it does not know', async () => {
    const filePath = path.join(directory, SECURE_STORE_FILE_NAME);
    await writeFile(
      filePath,
      JSON.stringify({ format: 'assist-ten-secure-store', version: 1, entries: { future_key: 'AAAA' } }),
    );
    await createSecureStore({ directory, cipher: fakeCipher() }).set('device_id', 'd');
    const json = JSON.parse(await readFile(filePath, 'utf8')) as { entries: Record<string, string> };
    expect(json.entries.future_key).toBe('AAAA');
  });
});
