// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase } from '../../test-support/database';
import { SnapshotLoaderContext } from '../../review/snapshot-source';
import { PROCTOR, renderInRouter } from './render-in-router';
import { SessionReviewScreen } from './SessionReviewScreen';

let db: AppDatabase;
let sessionId: string;
let flaggedId: string;

beforeEach(async () => {
  db = await openTestDatabase(['proctoring_events', 'test_sessions', 'assessments', 'question_bank', 'users']);
  await repo(db, 'user').insertDocument({
    id: PROCTOR.id,
    email: PROCTOR.email,
    full_name: PROCTOR.full_name,
    role: 'proctor',
    is_active: true,
    is_verified: true,
    login_streak: 0,
    max_login_streak: 0,
    quiz_streak: 0,
    max_quiz_streak: 0,
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  });
  const assessment = await repo(db, 'assessment').create({
    title: 'Python basics',
    duration_minutes: 30,
    created_by: 'usr_admin',
  });
  const question = await repo(db, 'question').create({
    question_text: 'What does len([1, 2, 3]) return?',
    options: [
      { key: 'A', text: '2' },
      { key: 'B', text: '3' },
    ],
    question_set_id: 'qs_1',
  });
  const session = await repo(db, 'test_session').create({
    candidate_name: 'Ada Obi',
    candidate_email: 'ada@example.test',
    assessment_id: assessment.assessment_id,
    started_at: '2026-11-20T09:00:00.000Z',
    total_questions: 10,
  });
  sessionId = session.session_id;
  const event = (type: 'no_face' | 'multiple_faces' | 'tab_switch', minute: number, extra: object) =>
    repo(db, 'proctoring_event').create({
      test_session_id: sessionId,
      event_type: type,
      detected_at: `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`,
      severity: 'low',
      ...extra,
    });
  await event('no_face', 2, { severity: 'medium', duration_seconds: 12 });
  flaggedId = (
    await event('multiple_faces', 5, {
      severity: 'high',
      flagged: true,
      duration_seconds: 8,
      question_id: question.id,
      metadata: {
        faces: 2,
        scores: [0.91, 0.62],
        boxes: [
          { x: 0.36, y: 0.2, width: 0.28, height: 0.4 },
          { x: 0.76, y: 0.12, width: 0.13, height: 0.19 },
        ],
      },
    })
  ).event_id;
  await event('tab_switch', 10, {});
});
afterEach(async () => {
  cleanup();
  await db.close();
});

const snapshot = () => Promise.resolve(new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }));

async function renderReview() {
  URL.createObjectURL ??= () => 'blob:snapshot';
  URL.revokeObjectURL ??= () => {};
  await renderInRouter(
    <SnapshotLoaderContext value={snapshot}>
      <SessionReviewScreen sessionId={sessionId} />
    </SnapshotLoaderContext>,
    db,
    PROCTOR,
  );
  return screen.findByRole('heading', { level: 2, name: /^Event \d of 3/ });
}

const press = (key: string, target: Element = document.body) => fireEvent.keyDown(target, { key });
const eventHeading = () => screen.getByRole('heading', { level: 2, name: /^Event \d of 3/ }).textContent;
const stored = async () => (await repo(db, 'proctoring_event').get(flaggedId))!;

it('opens on the first event awaiting review, with its snapshot, face boxes, scores, time and question', async () => {
  expect((await renderReview()).textContent).toBe('Event 2 of 3: Multiple faces');
  expect(await screen.findByRole('img', { name: /Webcam snapshot/ })).toBeTruthy();
  expect(screen.getByText(/^Face 1, score 0\.91: 36% from the left, 20% from the top/)).toBeTruthy();
  expect(screen.getByText(/^Face 2, score 0\.62: 76% from the left/)).toBeTruthy();
  expect(screen.getByText('0.91, 0.62')).toBeTruthy();
  expect(screen.getByText('What does len([1, 2, 3]) return?')).toBeTruthy();

  // The timeline in words: every event, in order, with its time into the exam.
  const list = screen.getByRole('list', { name: 'Events in the order they happened' });
  const items = within(list)
    .getAllByRole('button')
    .map((b) => b.textContent);
  expect(items).toEqual([
    expect.stringMatching(/^Event 1 at 2:00No faceMedium12 s$/),
    expect.stringMatching(/^Event 2 at 5:00Multiple facesHigh8 sFlagged$/),
    expect.stringMatching(/^Event 3 at 10:00Tab switchLow0 s$/),
  ]);
  expect(within(list).getByRole('button', { current: true }).textContent).toContain('Multiple faces');
});

it('steps through events with j/k, the arrow keys, Home and End, which the controls advertise', async () => {
  await renderReview();
  press('j');
  expect(eventHeading()).toBe('Event 3 of 3: Tab switch');
  press('j');
  expect(eventHeading()).toBe('Event 3 of 3: Tab switch');
  press('k');
  expect(eventHeading()).toBe('Event 2 of 3: Multiple faces');
  press('ArrowUp');
  expect(eventHeading()).toBe('Event 1 of 3: No face');
  press('ArrowDown');
  expect(eventHeading()).toBe('Event 2 of 3: Multiple faces');
  press('End');
  expect(eventHeading()).toBe('Event 3 of 3: Tab switch');
  press('Home');
  expect(eventHeading()).toBe('Event 1 of 3: No face');

  // Typing notes is not stepping.
  press('j', screen.getByLabelText('Reviewer notes'));
  expect(eventHeading()).toBe('Event 1 of 3: No face');

  expect(screen.getByRole('button', { name: 'Next event' }).getAttribute('aria-keyshortcuts')).toBe('J ArrowDown');
  expect(screen.getByRole('button', { name: 'Previous event' }).getAttribute('aria-keyshortcuts')).toBe('K ArrowUp');
  expect(screen.getByRole('button', { name: 'Mark reviewed' }).getAttribute('aria-keyshortcuts')).toBe('R');
  const help = screen.getByRole('region', { name: 'Keyboard shortcuts' });
  expect(help.textContent).toContain('J or ↓Next event');
});

it('marks an event reviewed with notes, flags and unflags it, and un-reviews it, from the keyboard', async () => {
  await renderReview();
  press('n');
  const notes = screen.getByLabelText('Reviewer notes');
  expect(document.activeElement).toBe(notes);
  fireEvent.change(notes, { target: { value: 'A second person entered the room.' } });
  press('Escape', notes);
  press('r');
  await screen.findByText(/^Reviewed by Priya Iyer/);
  expect(await stored()).toMatchObject({
    reviewed: true,
    reviewed_by: PROCTOR.id,
    reviewer_notes: 'A second person entered the room.',
    flagged: true,
  });
  expect((await stored()).reviewed_at).toBeDefined();

  press('f');
  await waitFor(async () => expect((await stored()).flagged).toBe(false));
  expect(await screen.findByRole('button', { name: 'Flag event' })).toBeTruthy();
  // Still on the same event: acting on it does not jump elsewhere.
  expect(eventHeading()).toBe('Event 2 of 3: Multiple faces');

  fireEvent.click(screen.getByRole('button', { name: 'Mark not reviewed' }));
  await waitFor(async () => expect((await stored()).reviewed).toBe(false));
  const after = await stored();
  expect(after.reviewed_by).toBeUndefined();
  expect(after.reviewed_at).toBeUndefined();
  expect(after.reviewer_notes).toBe('A second person entered the room.');
});

it('flags the whole session for follow-up with a reason, and clears it', async () => {
  await renderReview();
  const reason = screen.getByLabelText('Reason for follow-up');
  fireEvent.change(reason, { target: { value: 'Two people visible for most of the exam' } });
  fireEvent.click(screen.getByRole('button', { name: 'Flag session for follow-up' }));
  await screen.findByText('This session is flagged for follow-up: Two people visible for most of the exam');
  expect(await repo(db, 'test_session').get(sessionId)).toMatchObject({
    needs_review: true,
    review_reason: 'Two people visible for most of the exam',
  });
  fireEvent.click(screen.getByRole('button', { name: 'Clear the follow-up flag' }));
  await screen.findByText('This session is not flagged for follow-up.');
  const session = (await repo(db, 'test_session').get(sessionId))!;
  expect(session.needs_review).toBe(false);
  expect(session.review_reason).toBeUndefined();
});
