import { describe, expect, it } from 'vitest';
import { dueWarning, durationSeconds, examDeadlineMs, formatClock, remainingSeconds, spokenDuration } from './deadline';

const started_at = '2026-11-24T09:00:00.000Z';
const start = Date.parse(started_at);

describe('deadline', () => {
  it('is the start plus the duration, plus extra time a proctor granted', () => {
    expect(examDeadlineMs({ started_at }, 30)).toBe(start + 30 * 60_000);
    expect(examDeadlineMs({ started_at, extra_time_seconds: 300 }, 30)).toBe(start + 35 * 60_000);
  });

  it('counts time while the station was off: remaining time is measured from the clock, not a countdown', () => {
    const deadline = examDeadlineMs({ started_at }, 10);
    expect(remainingSeconds(deadline, start)).toBe(600);
    expect(remainingSeconds(deadline, start + 7 * 60_000 + 500)).toBe(180);
    expect(remainingSeconds(deadline, start + 11 * 60_000)).toBe(0);
  });
});

describe('warnings', () => {
  it('warns once at 5 minutes and once at 1 minute', () => {
    const given = new Set<number>();
    expect(dueWarning(301, given)).toBeUndefined();
    expect(dueWarning(300, given)).toBe(300);
    given.add(300);
    expect(dueWarning(200, given)).toBeUndefined();
    expect(dueWarning(60, given)).toBe(60);
    given.add(60);
    expect(dueWarning(30, given)).toBeUndefined();
  });

  it('on a resume below both thresholds, gives only the 1-minute warning', () => {
    expect(dueWarning(45, new Set())).toBe(60);
  });

  it('gives no warning once time is up', () => {
    expect(dueWarning(0, new Set())).toBeUndefined();
  });
});

describe('display', () => {
  it('formats the clock and speaks it', () => {
    expect(formatClock(545)).toBe('9:05');
    expect(formatClock(3723)).toBe('1:02:03');
    expect(formatClock(0)).toBe('0:00');
    expect(spokenDuration(245)).toBe('4 minutes 5 seconds');
    expect(spokenDuration(60)).toBe('1 minute');
    expect(spokenDuration(0)).toBe('0 seconds');
  });
});

it('a session’s duration stops at the deadline', () => {
  expect(durationSeconds({ started_at }, 10, start + 125_000)).toBe(125);
  expect(durationSeconds({ started_at }, 10, start + 3_600_000)).toBe(600);
});
