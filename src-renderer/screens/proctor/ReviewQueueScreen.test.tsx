// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ProctoringIncidentSeverity } from '@shared/domain/enums';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase } from '../../test-support/database';
import { useQueueFilter } from '../../review/filter-store';
import { PROCTOR, renderInRouter } from './render-in-router';
import { ReviewQueueScreen } from './ReviewQueueScreen';

let db: AppDatabase;

beforeEach(async () => {
  useQueueFilter.getState().reset();
  db = await openTestDatabase(['proctoring_events', 'test_sessions', 'assessments']);
});
afterEach(async () => {
  cleanup();
  await db.close();
});

async function assessment(title: string) {
  return repo(db, 'assessment').create({ title, duration_minutes: 30, created_by: 'usr_admin' });
}

async function session(name: string, assessmentId: string, startedAt: string) {
  return repo(db, 'test_session').create({
    candidate_name: name,
    candidate_email: `${name.toLowerCase()}@example.test`,
    assessment_id: assessmentId,
    started_at: startedAt,
    total_questions: 10,
  });
}

async function event(
  sessionId: string,
  severity: ProctoringIncidentSeverity,
  flagged: boolean,
  reviewed = false,
  minute = 1,
) {
  return repo(db, 'proctoring_event').create({
    test_session_id: sessionId,
    event_type: 'multiple_faces',
    severity,
    flagged,
    detected_at: `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`,
    ...(reviewed
      ? { reviewed: true, reviewed_by: PROCTOR.id, reviewed_at: '2026-11-21T09:00:00.000Z', reviewer_notes: 'ok' }
      : {}),
  });
}

/** Candidate names of the queue's rows, top to bottom. */
async function queueOrder(): Promise<string[]> {
  const table = await screen.findByRole('table', { name: /^Sessions to review/ });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent!);
}

async function seedQueue() {
  const python = await assessment('Python');
  const sql = await assessment('SQL');
  const ada = await session('Ada', python.assessment_id, '2026-11-20T10:00:00.000Z');
  const ben = await session('Ben', python.assessment_id, '2026-11-20T11:00:00.000Z');
  const cy = await session('Cy', sql.assessment_id, '2026-11-25T10:00:00.000Z');
  const dee = await session('Dee', sql.assessment_id, '2026-11-25T11:00:00.000Z');
  await session('Eve', sql.assessment_id, '2026-11-25T12:00:00.000Z'); // no events: not in the queue
  await event(ada.session_id, 'critical', true);
  await event(ada.session_id, 'low', false);
  await event(ben.session_id, 'high', true);
  await event(ben.session_id, 'high', true, true);
  await event(cy.session_id, 'medium', true, true);
  await event(dee.session_id, 'low', false);
  return { python, sql, dee };
}

it('lists sessions by number of flagged events, then highest severity, and leaves out sessions without events', async () => {
  await seedQueue();
  await renderInRouter(<ReviewQueueScreen />, db, PROCTOR);
  expect(await queueOrder()).toEqual(['Ben', 'Ada', 'Cy', 'Dee']);
  const ben = screen.getByRole('row', { name: /Ben/ });
  expect(within(ben).getByRole('link', { name: 'Ben' })).toBeTruthy();
  expect(ben.textContent).toContain('1 awaiting review');
  expect(screen.getByRole('row', { name: /Cy/ }).textContent).toContain('All reviewed');
});

it('filters by assessment, severity, reviewed state and date, and clears the filters', async () => {
  const { sql } = await seedQueue();
  await renderInRouter(<ReviewQueueScreen />, db, PROCTOR);
  await queueOrder();

  fireEvent.change(screen.getByLabelText('Assessment'), { target: { value: sql.assessment_id } });
  expect(await queueOrder()).toEqual(['Cy', 'Dee']);
  expect(screen.getByText('2 of 4 sessions match the filters')).toBeTruthy();

  fireEvent.change(screen.getByLabelText('Assessment'), { target: { value: '' } });
  fireEvent.change(screen.getByLabelText('Severity at least'), { target: { value: 'high' } });
  expect(await queueOrder()).toEqual(['Ben', 'Ada']);

  fireEvent.change(screen.getByLabelText('Severity at least'), { target: { value: '' } });
  fireEvent.change(screen.getByLabelText('Reviewed'), { target: { value: 'reviewed' } });
  expect(await queueOrder()).toEqual(['Cy', 'Dee']);
  fireEvent.change(screen.getByLabelText('Reviewed'), { target: { value: 'awaiting' } });
  expect(await queueOrder()).toEqual(['Ben', 'Ada']);

  fireEvent.change(screen.getByLabelText('Reviewed'), { target: { value: 'all' } });
  // Days are chosen on a calendar that opens on the latest session's month, and shown as the app writes dates.
  await chooseDay('Started from', /24 November 2026/);
  expect(screen.getByRole('button', { name: 'Started from 24 Nov 2026' })).toBeTruthy();
  expect(await queueOrder()).toEqual(['Cy', 'Dee']);
  await chooseDay('Started until', /24 November 2026/);
  expect(await screen.findByText('No session matches these filters.')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
  expect(await queueOrder()).toEqual(['Ben', 'Ada', 'Cy', 'Dee']);
});

async function chooseDay(label: string, day: RegExp) {
  fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${label} `) }));
  const calendar = await screen.findByRole('dialog', { name: `${label}: choose a day` });
  fireEvent.click(within(calendar).getByRole('button', { name: day }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
}

it('re-orders live when an event arrives, without a reload', async () => {
  const { dee } = await seedQueue();
  await renderInRouter(<ReviewQueueScreen />, db, PROCTOR);
  expect(await queueOrder()).toEqual(['Ben', 'Ada', 'Cy', 'Dee']);
  await act(async () => {
    await event(dee.session_id, 'critical', true, false, 5);
    await event(dee.session_id, 'high', true, false, 6);
  });
  await waitFor(async () => expect(await queueOrder()).toEqual(['Dee', 'Ben', 'Ada', 'Cy']));
});
