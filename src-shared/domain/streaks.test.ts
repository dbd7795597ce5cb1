import { describe, expect, it } from 'vitest';
import { advanceStreak, STREAK_CAP, utcDateOf } from './streaks';

describe('advanceStreak', () => {
  it('starts at 1 on the first activity', () => {
    expect(advanceStreak({ current: 0, max: 0 }, '2026-03-01')).toEqual({ current: 1, max: 1, lastDate: '2026-03-01' });
  });

  it('leaves the streak alone on a second activity the same day', () => {
    const streak = { current: 4, max: 9, lastDate: '2026-03-01' };
    expect(advanceStreak(streak, '2026-03-01')).toEqual(streak);
  });

  it('adds one when the last activity was yesterday, across month and year ends', () => {
    expect(advanceStreak({ current: 4, max: 9, lastDate: '2026-02-28' }, '2026-03-01')).toEqual({
      current: 5,
      max: 9,
      lastDate: '2026-03-01',
    });
    expect(advanceStreak({ current: 9, max: 9, lastDate: '2025-12-31' }, '2026-01-01')).toEqual({
      current: 10,
      max: 10,
      lastDate: '2026-01-01',
    });
    expect(advanceStreak({ current: 1, max: 1, lastDate: '2028-02-28' }, '2028-02-29').current).toBe(2);
  });

  it('resets to 1 after a gap, keeping the best streak', () => {
    expect(advanceStreak({ current: 7, max: 7, lastDate: '2026-03-01' }, '2026-03-03')).toEqual({
      current: 1,
      max: 7,
      lastDate: '2026-03-03',
    });
  });

  it('does not count a day again when the clock goes backwards', () => {
    const streak = { current: 3, max: 5, lastDate: '2026-03-05' };
    expect(advanceStreak(streak, '2026-03-04')).toEqual(streak);
  });

  it('stops at the cap the entity allows', () => {
    expect(advanceStreak({ current: STREAK_CAP, max: STREAK_CAP, lastDate: '2026-03-01' }, '2026-03-02').current).toBe(
      STREAK_CAP,
    );
  });

  it('repairs a max below the current streak', () => {
    expect(advanceStreak({ current: 3, max: 2, lastDate: '2026-03-01' }, '2026-03-01').max).toBe(3);
  });

  it('refuses malformed dates', () => {
    expect(() => advanceStreak({ current: 0, max: 0 }, '2026-3-1')).toThrow(RangeError);
    expect(() => advanceStreak({ current: 0, max: 0 }, '2026-02-30x')).toThrow(RangeError);
  });
});

describe('utcDateOf', () => {
  it('uses the UTC calendar day, not the local one', () => {
    expect(utcDateOf(new Date('2026-03-01T23:30:00-05:00'))).toBe('2026-03-02');
    expect(utcDateOf(new Date('2026-03-01T00:10:00+02:00'))).toBe('2026-02-28');
  });
});
