import { describe, expect, it } from 'vitest';
import { ProctoringEventType } from '../domain/enums';
import { entities } from '../domain/registry';
import { EventMachine } from './event-machine';
import { durationSeconds, eventRecord } from './event-record';
import { needsReview, severityOf, severityRules } from './severity';
import { snapshotUrl } from './snapshot-url';

describe('the severity table', () => {
  it('covers every event type, in ascending steps from 0 s', () => {
    for (const type of ProctoringEventType.options) {
      const steps = severityRules[type];
      expect(steps[0]!.from, type).toBe(0);
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.from).toBeGreaterThan(steps[i - 1]!.from);
    }
  });

  it('rates a face missing for over 10 s high, and a short one low', () => {
    expect(severityOf('no_face', 2)).toBe('low');
    expect(severityOf('no_face', 7)).toBe('medium');
    expect(severityOf('no_face', 10.5)).toBe('high');
    expect(severityOf('multiple_faces', 1.2)).toBe('high');
    expect(severityOf('multiple_faces', 45)).toBe('critical');
  });

  it('rates a denied or missing camera high at once, a short drop medium', () => {
    expect(severityOf('camera_unavailable', 0, { problem: 'denied' })).toBe('high');
    expect(severityOf('camera_unavailable', 0, { problem: 'not_found' })).toBe('high');
    expect(severityOf('camera_unavailable', 3, { problem: 'ended' })).toBe('medium');
  });

  it('flags high and critical events for review, not low or medium ones', () => {
    expect([needsReview('low'), needsReview('medium'), needsReview('high'), needsReview('critical')]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('an event record', () => {
  it('is a valid proctoring_event carrying duration, severity, question, evidence and snapshot', () => {
    const machine = new EventMachine();
    const at = (i: number) => 1_700_000_000_000 + i * 250;
    const two = [
      { box: { x: 0.3, y: 0.3, width: 0.3, height: 0.4 }, score: 0.912345 },
      { box: { x: 0.75, y: 0.2, width: 0.15, height: 0.2 }, score: 0.61 },
    ];
    for (let i = 0; i < 10; i++) machine.observe({ at: at(i), faces: two });
    const [ended] = machine.finish(at(10) + 3);
    const doc = eventRecord({
      eventId: 'evt-1',
      sessionId: 'ses-1',
      type: ended!.type,
      startedAt: ended!.startedAt,
      endedAt: ended!.kind === 'closed' ? ended!.endedAt : 0,
      questionId: 'q-7',
      evidence: ended!.evidence,
      snapshotUrl: snapshotUrl('a'.repeat(64)),
      now: at(11),
    });
    expect(entities.proctoring_event.document.safeParse(doc).error).toBeUndefined();
    expect(doc).toMatchObject({
      event_type: 'multiple_faces',
      severity: 'high',
      flagged: true,
      duration_seconds: 2.503,
      question_id: 'q-7',
      detected_at: new Date(at(0)).toISOString(),
      snapshot_url: `/blobs/snapshots/${'a'.repeat(64)}`,
      metadata: { max_faces: 2, frames: 10 },
    });
    expect((doc.metadata.faces as { score: number }[]).map((f) => f.score)).toEqual([0.9123, 0.61]);
  });

  it('stores durations in whole milliseconds, whatever the clock gives', () => {
    expect(durationSeconds(0, 1234.6)).toBe(1.235);
    expect(durationSeconds(10, 5)).toBe(0);
    for (const ms of [1, 7, 333, 100_003, 604_799_999])
      expect(entities.proctoring_event.document.shape.duration_seconds.safeParse(durationSeconds(0, ms)).success).toBe(
        true,
      );
  });
});
