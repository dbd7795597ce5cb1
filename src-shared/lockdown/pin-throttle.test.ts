import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PIN_THROTTLE,
  INITIAL_PIN_THROTTLE,
  lockoutMs,
  parsePinThrottle,
  pinAttemptAllowed,
  recordPinFailure,
  recordPinSuccess,
  type PinThrottleState,
} from './pin-throttle';

function fail(times: number, at = 0): PinThrottleState {
  let state = INITIAL_PIN_THROTTLE;
  for (let i = 0; i < times; i++) state = recordPinFailure(state, at);
  return state;
}

describe('pin throttle', () => {
  it('allows two mistakes freely, then locks for 30 s on the third', () => {
    expect(pinAttemptAllowed(fail(2), 0)).toEqual({ allowed: true });
    const locked = fail(3, 1_000);
    expect(pinAttemptAllowed(locked, 1_000)).toEqual({ allowed: false, retryAt: 31_000, waitSeconds: 30 });
    expect(pinAttemptAllowed(locked, 30_999)).toMatchObject({ allowed: false, waitSeconds: 1 });
    expect(pinAttemptAllowed(locked, 31_000)).toEqual({ allowed: true });
  });

  it('doubles the lockout with each further failure, up to 15 minutes', () => {
    expect([3, 4, 5, 6, 7, 8, 9, 50, 5000].map((n) => lockoutMs(n))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000, 900_000,
    ]);
    expect(lockoutMs(0)).toBe(0);
    expect(DEFAULT_PIN_THROTTLE.maxLockoutMs).toBe(900_000);
  });

  it('a correct PIN resets the count', () => {
    expect(recordPinSuccess()).toEqual({ failures: 0, lockedUntil: null });
    expect(pinAttemptAllowed(recordPinSuccess(), 0)).toEqual({ allowed: true });
  });

  it('reads stored state defensively', () => {
    expect(parsePinThrottle(null)).toEqual(INITIAL_PIN_THROTTLE);
    expect(parsePinThrottle({ failures: 4, lockedUntil: 99 })).toEqual({ failures: 4, lockedUntil: 99 });
    expect(parsePinThrottle({ failures: -1, lockedUntil: 'soon' })).toEqual({ failures: 0, lockedUntil: null });
    expect(parsePinThrottle({ failures: 2.5, lockedUntil: Infinity })).toEqual({ failures: 0, lockedUntil: null });
  });
});
