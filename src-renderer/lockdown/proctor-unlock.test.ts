import { afterEach, describe, expect, it } from 'vitest';
import { hashProctorPin, type PinScryptParams } from '@shared/lockdown/proctor-pin';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { openTestDatabase } from '../test-support/database';
import { attemptProctorUnlock, newPinProblem, setStationPin, type ThrottleStore } from './proctor-unlock';

const FAST: PinScryptParams = { logN: 10, r: 8, p: 1 };

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

function memoryStore(): ThrottleStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

async function station() {
  db = await openTestDatabase(['users']);
  const users = repo(db, 'user');
  const person = async (email: string, role: 'proctor' | 'admin' | 'candidate' | 'recruiter', pin?: string) =>
    users.create({
      email,
      full_name: email.split('@')[0]!,
      role,
      ...(pin ? { proctor_pin_hash: await hashProctorPin(pin, FAST) } : {}),
    });
  const proctor = await person('pat@example.test', 'proctor', '482913');
  const admin = await person('ada@example.test', 'admin', '705316');
  await person('cara@example.test', 'candidate', '111222');
  await person('rita@example.test', 'recruiter', '333444');
  await person('nopin@example.test', 'proctor');
  return { db, proctor, admin };
}

describe('attemptProctorUnlock', () => {
  it("finds the proctor or admin whose PIN it is, among the station's staff", async () => {
    const { db, proctor, admin } = await station();
    const store = memoryStore();
    await expect(attemptProctorUnlock(db, '482913', store)).resolves.toMatchObject({
      ok: true,
      proctor: { id: proctor.id },
    });
    await expect(attemptProctorUnlock(db, '705316', store)).resolves.toMatchObject({
      ok: true,
      proctor: { id: admin.id },
    });
  });

  it('ignores PINs of people who may not unlock a station, and inactive staff', async () => {
    const { db, proctor } = await station();
    await expect(attemptProctorUnlock(db, '111222', memoryStore())).resolves.toMatchObject({
      ok: false,
      reason: 'wrong',
    });
    await expect(attemptProctorUnlock(db, '333444', memoryStore())).resolves.toMatchObject({
      ok: false,
      reason: 'wrong',
    });
    await repo(db, 'user').update(proctor.id, { is_active: false });
    await expect(attemptProctorUnlock(db, '482913', memoryStore())).resolves.toMatchObject({ ok: false });
  });

  it('explains a malformed PIN without counting it as a wrong guess', async () => {
    const { db } = await station();
    const store = memoryStore();
    await expect(attemptProctorUnlock(db, '12ab', store)).resolves.toEqual({
      ok: false,
      reason: 'invalid',
      message: 'The PIN is digits only.',
    });
    expect(store.data.size).toBe(0);
  });

  it('locks out after three wrong PINs, survives a reload of the store, and lets the right PIN in afterwards', async () => {
    const { db, proctor } = await station();
    const store = memoryStore();
    let clock = 0;
    const now = () => clock;
    await attemptProctorUnlock(db, '000001', store, now);
    await attemptProctorUnlock(db, '000002', store, now);
    const third = await attemptProctorUnlock(db, '000003', store, now);
    expect(third).toMatchObject({
      ok: false,
      reason: 'wrong',
      message: expect.stringMatching(/Try again in 30 seconds/),
    });
    // Even the right PIN waits: otherwise the lockout would tell a guesser nothing was checked.
    await expect(attemptProctorUnlock(db, '482913', store, now)).resolves.toMatchObject({
      ok: false,
      reason: 'locked',
      waitSeconds: 30,
    });
    const reloaded: ThrottleStore = { getItem: store.getItem, setItem: store.setItem };
    clock = 30_000;
    await expect(attemptProctorUnlock(db, '482913', reloaded, now)).resolves.toMatchObject({
      ok: true,
      proctor: { id: proctor.id },
    });
    await attemptProctorUnlock(db, '000004', store, now);
    await expect(attemptProctorUnlock(db, '000005', store, now)).resolves.not.toMatchObject({ reason: 'locked' });
  });

  it('treats unreadable throttle state as a failure already made, not a clean slate', async () => {
    const { db } = await station();
    const store = memoryStore();
    store.setItem('assist-ten:proctor-pin-throttle', '{not json');
    await attemptProctorUnlock(db, '000001', store);
    const third = await attemptProctorUnlock(db, '000002', store);
    expect(third).toMatchObject({ message: expect.stringMatching(/Try again/) });
  });

  it('skips a damaged verifier instead of locking every proctor out', async () => {
    const { db, admin } = await station();
    const broken = await repo(db, 'user').create({
      email: 'broken@example.test',
      full_name: 'Broken',
      role: 'proctor',
      proctor_pin_hash: 'scrypt$99$8$1$AAAA$AAAA',
    });
    expect(broken.proctor_pin_hash).toBeDefined();
    await expect(attemptProctorUnlock(db, '705316', memoryStore())).resolves.toMatchObject({
      ok: true,
      proctor: { id: admin.id },
    });
  });

  it('says so when no proctor has set a PIN on this station', async () => {
    db = await openTestDatabase(['users']);
    await expect(attemptProctorUnlock(db, '482913', memoryStore())).resolves.toMatchObject({
      ok: false,
      reason: 'no_proctors',
    });
  });
});

describe('station PIN', () => {
  it.each([
    ['', '', /Enter the PIN/],
    ['12345', '12345', /6 to 12 digits/],
    ['123456', '123456', /repeated digit or a simple sequence/],
    ['482913', '482931', /do not match/],
  ])('refuses %j / %j', (pin, confirmation, message) => {
    expect(newPinProblem(pin, confirmation)).toMatch(message);
  });

  it('stores only a verifier on the proctor’s own user document, which then unlocks', async () => {
    const { db, proctor } = await station();
    await setStationPin(db, proctor.id, '918273');
    const stored = await repo(db, 'user').get(proctor.id);
    expect(stored!.proctor_pin_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(stored!.proctor_pin_hash).not.toContain('918273');
    await expect(attemptProctorUnlock(db, '918273', memoryStore())).resolves.toMatchObject({ ok: true });
    await expect(attemptProctorUnlock(db, '482913', memoryStore())).resolves.toMatchObject({ ok: false });
  });
});
