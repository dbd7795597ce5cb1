import type { Doc } from '@shared/domain/registry';
import { enforces, type ModuleEnforcement } from '@shared/lockdown/enforcement';
import {
  INITIAL_PIN_THROTTLE,
  parsePinThrottle,
  pinAttemptAllowed,
  recordPinFailure,
  recordPinSuccess,
  type PinThrottleState,
} from '@shared/lockdown/pin-throttle';
import {
  hashProctorPin,
  isTrivialPin,
  pinProblem,
  ProctorPinError,
  verifyProctorPin,
} from '@shared/lockdown/proctor-pin';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';

/*
 * Checking and setting proctor PINs against the local database. A station
 * holds the verifiers of the staff who may unlock it (synced); a PIN is
 * matched against each in turn, so the proctor need not say who they are.
 * Wrong PINs are throttled per station, in storage that survives a reload.
 */

/** The PIN check behind ProctorUnlockDialog, in the desktop app and the browser build alike. */
export const LOCKDOWN_ENFORCED: ModuleEnforcement = [
  enforces('electron', ['proctor-exit']),
  enforces('browser', ['proctor-exit']),
];

export const UNLOCK_ROLES = ['proctor', 'admin', 'super_admin'] as const;

export type UnlockAction = { action: 'exit' } | { action: 'extra_time'; minutes: number };
export type ProctorUnlock = UnlockAction & { proctorId: string };

export const EXTRA_TIME_MAX_MINUTES = 240;

export type UnlockAttempt =
  | { ok: true; proctor: Doc<'user'> }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'locked'; waitSeconds: number; message: string }
  | { ok: false; reason: 'wrong'; message: string }
  | { ok: false; reason: 'no_proctors'; message: string };

/** Where the throttle state lives; localStorage in the app, a Map in tests. */
export interface ThrottleStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const THROTTLE_KEY = 'assist-ten:proctor-pin-throttle';

function readThrottle(store: ThrottleStore): PinThrottleState {
  try {
    const raw = store.getItem(THROTTLE_KEY);
    return raw === null ? INITIAL_PIN_THROTTLE : parsePinThrottle(JSON.parse(raw));
  } catch {
    // Unreadable state is treated as one failure, not as a clean slate someone could force.
    return recordPinFailure(INITIAL_PIN_THROTTLE, 0);
  }
}

function writeThrottle(store: ThrottleStore, state: PinThrottleState) {
  store.setItem(THROTTLE_KEY, JSON.stringify(state));
}

function lockedMessage(waitSeconds: number): string {
  const wait = waitSeconds >= 60 ? `${Math.ceil(waitSeconds / 60)} minutes` : `${waitSeconds} seconds`;
  return `Too many wrong PINs. Try again in ${wait}.`;
}

/** Staff on this station who can unlock it: active, an unlocking role, and a PIN set. */
export async function unlockingStaff(db: AppDatabase): Promise<Doc<'user'>[]> {
  const users = await repo(db, 'user').find({ selector: { role: { $in: [...UNLOCK_ROLES] } } });
  return users.filter((u) => u.is_active && typeof u.proctor_pin_hash === 'string' && u.proctor_pin_hash !== '');
}

export async function attemptProctorUnlock(
  db: AppDatabase,
  pin: string,
  store: ThrottleStore,
  now: () => number = Date.now,
): Promise<UnlockAttempt> {
  const throttle = readThrottle(store);
  const verdict = pinAttemptAllowed(throttle, now());
  if (!verdict.allowed) {
    return {
      ok: false,
      reason: 'locked',
      waitSeconds: verdict.waitSeconds,
      message: lockedMessage(verdict.waitSeconds),
    };
  }
  const problem = pinProblem(pin);
  if (problem) return { ok: false, reason: 'invalid', message: problem };

  const staff = await unlockingStaff(db);
  if (staff.length === 0) {
    return {
      ok: false,
      reason: 'no_proctors',
      message: 'No proctor has set a PIN for this station. A proctor must sign in once while online and set one.',
    };
  }
  for (const person of staff) {
    try {
      if (await verifyProctorPin(pin, person.proctor_pin_hash!)) {
        writeThrottle(store, recordPinSuccess());
        return { ok: true, proctor: person };
      }
    } catch (error) {
      // One damaged verifier must not lock every proctor out of the station.
      if (!(error instanceof ProctorPinError)) throw error;
      console.warn(`[lockdown] unreadable PIN verifier for user ${person.id}: ${error.message}`);
    }
  }
  const next = recordPinFailure(throttle, now());
  writeThrottle(store, next);
  const after = pinAttemptAllowed(next, now());
  return after.allowed
    ? { ok: false, reason: 'wrong', message: 'That PIN does not match any proctor.' }
    : {
        ok: false,
        reason: 'wrong',
        message: `That PIN does not match any proctor. ${lockedMessage(after.waitSeconds)}`,
      };
}

/** Why a new PIN (typed twice) cannot be used, or null. */
export function newPinProblem(pin: string, confirmation: string): string | null {
  const problem = pinProblem(pin);
  if (problem) return problem;
  if (isTrivialPin(pin)) return 'Choose a PIN that is not a repeated digit or a simple sequence.';
  if (pin !== confirmation) return 'The two PINs do not match.';
  return null;
}

/** Stores the verifier of a proctor's new PIN on their own user document; it syncs to exam stations. */
export async function setStationPin(db: AppDatabase, userId: string, pin: string): Promise<void> {
  const verifier = await hashProctorPin(pin);
  await repo(db, 'user').update(userId, { proctor_pin_hash: verifier });
}
