/*
 * Daily streaks (logins, quizzes), counted in UTC calendar days so that a
 * streak does not depend on the device's time zone:
 * - a second activity on the same day changes nothing;
 * - activity on the day after the last one extends the streak by one;
 * - any longer gap (or a first activity) starts a new streak at 1;
 * - the best streak ever reached is kept alongside.
 */

export interface Streak {
  current: number;
  max: number;
  /** UTC date ("YYYY-MM-DD") of the last counted activity; absent before the first. */
  lastDate?: string;
}

/** The entity fields cap streaks at this value. */
export const STREAK_CAP = 100_000;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar date of an instant, e.g. "2026-11-24". */
export function utcDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function dayNumber(date: string): number {
  if (!ISO_DATE.test(date)) throw new RangeError(`Not a UTC date: ${date}`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`Not a UTC date: ${date}`);
  return Math.round(ms / DAY_MS);
}

/** The streak after an activity on `today` (a UTC date). */
export function advanceStreak(streak: Streak, today: string): Streak {
  const todayNumber = dayNumber(today);
  if (streak.lastDate !== undefined) {
    const gap = todayNumber - dayNumber(streak.lastDate);
    // Same day, or a clock that went backwards: the activity was already counted.
    if (gap <= 0) return { ...streak, max: Math.max(streak.max, streak.current) };
    if (gap === 1) {
      const current = Math.min(streak.current + 1, STREAK_CAP);
      return { current, max: Math.max(streak.max, current), lastDate: today };
    }
  }
  return { current: 1, max: Math.max(streak.max, 1), lastDate: today };
}
