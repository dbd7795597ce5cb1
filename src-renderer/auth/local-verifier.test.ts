import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../db/database';
import { memoryStorage } from '../db/storage';
import {
  DEFAULT_SCRYPT_PARAMS,
  checkVerifier,
  createVerifier,
  hasLocalPassword,
  setLocalPassword,
  verifierKey,
  verifyLocalPassword,
} from './local-verifier';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function openTestDb() {
  db = await openDatabase({
    name: `verifier-${crypto.randomUUID()}`,
    storage: memoryStorage(),
    collections: ['users'],
  });
  return db;
}

describe('local verifier', () => {
  it('derives with scrypt N=2^15 r=8 p=1 and a random salt', async () => {
    const a = await createVerifier('correct horse battery');
    const b = await createVerifier('correct horse battery');
    expect(a.params).toEqual(DEFAULT_SCRYPT_PARAMS);
    expect(a.params).toMatchObject({ N: 32768, r: 8, p: 1 });
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('accepts the password and refuses any other', async () => {
    const verifier = await createVerifier('correct horse battery');
    expect(await checkVerifier(verifier, 'correct horse battery')).toBe(true);
    expect(await checkVerifier(verifier, 'correct horse batterY')).toBe(false);
    expect(await checkVerifier(verifier, '')).toBe(false);
  });

  it('stores only a verifier in a local document keyed verifier:<userId>', async () => {
    const store = await openTestDb();
    await setLocalPassword(store, 'usr_1', 'demo-password-1');
    const doc = await store.getLocal(verifierKey('usr_1'));
    const stored = JSON.stringify(doc?.toJSON());
    expect(stored).not.toContain('demo-password-1');
    expect(await hasLocalPassword(store, 'usr_1')).toBe(true);
    expect(await verifyLocalPassword(store, 'usr_1', 'demo-password-1')).toBe(true);
    expect(await verifyLocalPassword(store, 'usr_1', 'demo-password-2')).toBe(false);
  });

  it('refuses users without a verifier on this device', async () => {
    const store = await openTestDb();
    expect(await hasLocalPassword(store, 'usr_2')).toBe(false);
    expect(await verifyLocalPassword(store, 'usr_2', 'anything-at-all')).toBe(false);
    expect(await verifyLocalPassword(store, undefined, 'anything-at-all')).toBe(false);
  });

  it('replaces the verifier when the password is set again', async () => {
    const store = await openTestDb();
    await setLocalPassword(store, 'usr_3', 'first-password');
    await setLocalPassword(store, 'usr_3', 'second-password');
    expect(await verifyLocalPassword(store, 'usr_3', 'first-password')).toBe(false);
    expect(await verifyLocalPassword(store, 'usr_3', 'second-password')).toBe(true);
  });
});
