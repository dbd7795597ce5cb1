import { describe, expect, it } from 'vitest';
import { reviewActionFor, stepIndex } from './keyboard';
import { readMetadata } from './metadata';
import { describeOutcome, proctoringOutcome } from './outcome';
import { examWindow, formatOffset, layoutTimeline } from './timeline';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target: null,
  ...mods,
});

describe('review shortcuts', () => {
  it('map j/k, arrows, Home/End and letters to actions, never with a modifier', () => {
    expect(
      ['j', 'J', 'ArrowDown', 'k', 'ArrowUp', 'Home', 'End', 'r', 'f', 'n'].map((k) => reviewActionFor(key(k))),
    ).toEqual([
      'next',
      'next',
      'next',
      'previous',
      'previous',
      'first',
      'last',
      'toggleReviewed',
      'toggleFlag',
      'notes',
    ]);
    expect(reviewActionFor(key('r', { ctrlKey: true }))).toBeUndefined();
    expect(reviewActionFor(key('x'))).toBeUndefined();
  });

  it('step within the list and stop at its ends', () => {
    expect([
      stepIndex(0, 3, 'previous'),
      stepIndex(2, 3, 'next'),
      stepIndex(1, 3, 'next'),
      stepIndex(1, 3, 'last'),
    ]).toEqual([0, 2, 2, 2]);
  });
});

describe('the session timeline', () => {
  const event = (minute: number, duration: number) =>
    ({ detected_at: `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`, duration_seconds: duration }) as never;

  it('spans the time allowed (duration plus extra time) and places events on it', () => {
    const session = { started_at: '2026-11-20T09:00:00.000Z', extra_time_seconds: 600 };
    const window = examWindow(session, { duration_minutes: 30 }, [event(20, 60)]);
    expect(window.lengthSeconds).toBe(2400);
    const [item] = layoutTimeline([event(20, 60)], window);
    expect([item!.offsetSeconds, item!.start, item!.width]).toEqual([1200, 0.5, 0.025]);
  });

  it('stretches to an event that ran past the time allowed', () => {
    const window = examWindow({ started_at: '2026-11-20T09:00:00.000Z' }, { duration_minutes: 10 }, [event(9, 120)]);
    expect([window.lengthSeconds, window.allowedSeconds]).toEqual([660, 600]);
  });

  it('formats positions on the exam clock', () => {
    expect([formatOffset(0), formatOffset(65), formatOffset(3729)]).toEqual(['0:00', '1:05', '1:02:09']);
  });
});

describe('event metadata', () => {
  it('reads boxes as fractions, scales pixel boxes by the frame, and keeps the rest as text', () => {
    const read = readMetadata({
      faces: [{ box: { x: 64, y: 48, width: 320, height: 240 }, score: 0.9 }],
      frame: { width: 640, height: 480 },
      boxes: [{ x: 0.5, y: 0.5, width: 0.1, height: 0.1 }],
      scores: [0.9, 0.4],
      pass: 'full',
    });
    expect(read.faces.map((f) => f.box)).toEqual([
      { x: 0.1, y: 0.1, width: 0.5, height: 0.5 },
      { x: 0.5, y: 0.5, width: 0.1, height: 0.1 },
    ]);
    expect(read.scores).toEqual([0.9, 0.4]);
    expect(read.details).toEqual([['Pass', 'full']]);
  });

  it('says what the keys stations write mean, in words, never as raw values', () => {
    const read = readMetadata({ reason: 'out_of_frame', recovered: true, max_faces: 2, policy: 'block-reload' });
    expect(read.details).toEqual([
      ['Why', 'The face was partly out of the frame'],
      ['Recovered', 'Yes: the station closed during this event, which lasted at least this long'],
      ['Most faces in one frame', '2'],
      ['Lockdown rule', 'No reload'],
    ]);
    expect(readMetadata({ camera_state: 'not_found', retried: false }).details).toEqual([
      ['Camera state', 'Not found'],
      ['Retried', 'No'],
    ]);
  });

  it('drops boxes it cannot place rather than drawing them wrong', () => {
    expect(readMetadata({ boxes: [{ x: 100, y: 20, width: 50, height: 50 }, 'junk'] }).faces).toEqual([]);
  });
});

describe('the outcome a recruiter reads', () => {
  const flagged = (reviewed: boolean) => ({ flagged: true, reviewed });
  it('says how much was flagged, whether it was reviewed, and why the session needs follow-up', () => {
    const session = { needs_review: true, review_reason: 'Second person in view' };
    expect(describeOutcome(proctoringOutcome(session, [flagged(true), flagged(true), flagged(true)]))).toBe(
      'Proctoring: 3 flagged, all reviewed; session flagged for follow-up: Second person in view',
    );
    expect(
      describeOutcome(proctoringOutcome({}, [flagged(true), flagged(false), { flagged: false, reviewed: false }])),
    ).toBe('Proctoring: 2 flagged, 1 awaiting review');
    expect(describeOutcome(proctoringOutcome({}, []))).toBe('Proctoring: no events recorded');
  });
});
