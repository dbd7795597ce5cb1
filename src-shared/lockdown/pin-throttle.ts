/*
 * Wrong proctor PINs on a station back off: a few free tries (people mistype),
 * then a lockout that doubles with each further failure, up to a ceiling.
 * Pure state in, state out, so the renderer can keep it in storage that
 * survives a reload and tests can drive the clock.
 */

export interface PinThrottleState {
  failures: number;
  /** Epoch ms until which no PIN is checked, or null. */
  lockedUntil: number | null;
}

export interface PinThrottlePolicy {
  freeAttempts: number;
  firstLockoutMs: number;
  maxLockoutMs: number;
}

export const DEFAULT_PIN_THROTTLE: PinThrottlePolicy = {
  freeAttempts: 3,
  firstLockoutMs: 30_000,
  maxLockoutMs: 15 * 60_000,
};

export const INITIAL_PIN_THROTTLE: PinThrottleState = { failures: 0, lockedUntil: null };

export type PinAttemptVerdict = { allowed: true } | { allowed: false; retryAt: number; waitSeconds: number };

export function pinAttemptAllowed(state: PinThrottleState, now: number): PinAttemptVerdict {
  if (state.lockedUntil === null || now >= state.lockedUntil) return { allowed: true };
  return { allowed: false, retryAt: state.lockedUntil, waitSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
}

export function lockoutMs(failures: number, policy: PinThrottlePolicy = DEFAULT_PIN_THROTTLE): number {
  const beyond = failures - policy.freeAttempts;
  if (beyond < 0) return 0;
  // 2 ** beyond overflows to Infinity long before it matters; min() caps it either way.
  return Math.min(policy.firstLockoutMs * 2 ** beyond, policy.maxLockoutMs);
}

export function recordPinFailure(
  state: PinThrottleState,
  now: number,
  policy: PinThrottlePolicy = DEFAULT_PIN_THROTTLE,
): PinThrottleState {
  const failures = state.failures + 1;
  const wait = lockoutMs(failures, policy);
  return { failures, lockedUntil: wait > 0 ? now + wait : null };
}

export function recordPinSuccess(): PinThrottleState {
  return INITIAL_PIN_THROTTLE;
}

/** Reads a stored state defensively: anything unreadable counts as a fresh start only if it is absent. */
export function parsePinThrottle(value: unknown): PinThrottleState {
  const v = value as Partial<PinThrottleState> | null | undefined;
  if (v === null || v === undefined) return INITIAL_PIN_THROTTLE;
  const failures = Number.isInteger(v.failures) && v.failures! >= 0 ? v.failures! : 0;
  const lockedUntil = typeof v.lockedUntil === 'number' && Number.isFinite(v.lockedUntil) ? v.lockedUntil : null;
  return { failures, lockedUntil };
}
