// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, expect, it } from 'vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase, renderWithDatabase } from '../../test-support/database';
import { MyAssessmentsScreen } from './MyAssessmentsScreen';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
});

it('lists the applications of the candidate with the user’s email, marking expired assessments', async () => {
  db = await openTestDatabase(['candidates', 'applications', 'assessments', 'test_sessions']);
  const me = await repo(db, 'candidate').create({ full_name: 'Cara Mensah', email: 'cara@example.test' });
  const someoneElse = await repo(db, 'candidate').create({ full_name: 'Bo Lind', email: 'bo@example.test' });
  const assessments = repo(db, 'assessment');
  const open = await assessments.create({ title: 'TypeScript basics', duration_minutes: 30, created_by: 'usr_r' });
  const expired = await assessments.create({
    title: 'SQL deep dive',
    duration_minutes: 45,
    created_by: 'usr_r',
    expires_at: '2020-01-01T00:00:00.000Z',
  });
  const applications = repo(db, 'assessment_application');
  await applications.create({
    candidate_id: me.candidate_id,
    assessment_id: open.assessment_id,
    applied_at: '2026-11-01T00:00:00.000Z',
  });
  await applications.create({
    candidate_id: me.candidate_id,
    assessment_id: expired.assessment_id,
    applied_at: '2026-11-02T00:00:00.000Z',
    status: 'completed',
  });
  await applications.create({
    candidate_id: someoneElse.candidate_id,
    assessment_id: open.assessment_id,
    applied_at: '2026-11-03T00:00:00.000Z',
  });

  renderWithDatabase(<MyAssessmentsScreen />, db, {
    id: 'usr_c',
    email: 'Cara@Example.test',
    full_name: 'Cara Mensah',
    role: 'candidate',
  });
  const table = await screen.findByRole('table', { name: /^My assessments/ });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
  expect(rows).toEqual([
    ['SQL deep dive', 'CompletedExpired', '45 min', '—'],
    ['TypeScript basics', 'Pending', '30 min', '—'],
  ]);
});

function rowTexts(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
}

it('shows a score once the server released it, with the date, and nothing of it before', async () => {
  db = await openTestDatabase(['candidates', 'applications', 'assessments', 'test_sessions']);
  const me = await repo(db, 'candidate').create({ full_name: 'Cara Mensah', email: 'cara@example.test' });
  const assessments = repo(db, 'assessment');
  const applications = repo(db, 'assessment_application');
  const sessions = repo(db, 'test_session');
  const apply = async (title: string) => {
    const assessment = await assessments.create({ title, duration_minutes: 30, created_by: 'usr_r' });
    return applications.create({
      candidate_id: me.candidate_id,
      assessment_id: assessment.assessment_id,
      applied_at: '2026-11-01T00:00:00.000Z',
      status: 'completed',
    });
  };
  const session = (id: string, application: Doc<'assessment_application'>, scored: Partial<Doc<'test_session'>>) =>
    sessions.insertDocument({
      session_id: id,
      candidate_name: 'Cara Mensah',
      candidate_email: 'cara@example.test',
      assessment_id: application.assessment_id,
      application_id: application.application_id,
      question_ids: [],
      started_at: '2026-11-28T09:00:00.000Z',
      completed_at: '2026-11-28T09:20:00.000Z',
      total_questions: 20,
      is_completed: true,
      is_scored: true,
      created_at: '2026-11-28T09:00:00.000Z',
      updated_at: '2026-11-28T09:20:00.000Z',
      ...scored,
    });
  const released = await apply('A released test');
  const withheld = await apply('B withheld test');
  await apply('C not taken yet');
  await session('ses_released', released, {
    correct_answers: 15,
    score_percentage: 75,
    score_released_at: '2026-11-30T08:00:00.000Z',
  });
  // What a candidate's device holds before the release: the server withholds the score fields.
  await session('ses_withheld', withheld, {});

  renderWithDatabase(<MyAssessmentsScreen />, db, {
    id: 'usr_c',
    email: 'cara@example.test',
    full_name: 'Cara Mensah',
    role: 'candidate',
  });
  const table = await screen.findByRole('table', { name: /^My assessments/ });
  expect(rowTexts(table).map((r) => [r[0], r[3]])).toEqual([
    ['A released test', '75% · 15 of 20 correct · released 30 Nov 2026'],
    ['B withheld test', 'Not released yet'],
    ['C not taken yet', '—'],
  ]);
  expect(within(table).getByText('30 Nov 2026').getAttribute('datetime')).toBe('2026-11-30T08:00:00.000Z');

  // The release arrives by sync: the row updates in place.
  const doc = await sessions.rxDocument('ses_withheld');
  await act(async () => {
    await doc!.incrementalPatch({
      correct_answers: 9,
      score_percentage: 45,
      score_released_at: '2026-12-01T10:00:00.000Z',
      updated_at: '2026-12-01T10:00:00.000Z',
    } as never);
  });
  await within(table).findByText('1 Dec 2026');
  expect(rowTexts(table)[1]![3]).toBe('45% · 9 of 20 correct · released 1 Dec 2026');
});

it('shows no score that arrived without a release', async () => {
  db = await openTestDatabase(['candidates', 'applications', 'assessments', 'test_sessions']);
  const me = await repo(db, 'candidate').create({ full_name: 'Cara Mensah', email: 'cara@example.test' });
  const assessment = await repo(db, 'assessment').create({ title: 'Go', duration_minutes: 30, created_by: 'usr_r' });
  const application = await repo(db, 'assessment_application').create({
    candidate_id: me.candidate_id,
    assessment_id: assessment.assessment_id,
    applied_at: '2026-11-01T00:00:00.000Z',
  });
  await repo(db, 'test_session').insertDocument({
    session_id: 'ses_1',
    candidate_name: 'Cara Mensah',
    candidate_email: 'cara@example.test',
    assessment_id: assessment.assessment_id,
    question_ids: [],
    started_at: '2026-11-28T09:00:00.000Z',
    completed_at: '2026-11-28T09:20:00.000Z',
    total_questions: 20,
    is_completed: true,
    is_scored: true,
    // An older copy, or a server that scored but has not released: the score alone is not enough.
    correct_answers: 18,
    score_percentage: 90,
    created_at: '2026-11-28T09:00:00.000Z',
    updated_at: '2026-11-28T09:20:00.000Z',
  });
  await repo(db, 'assessment_application').update(application.application_id, { test_session_id: 'ses_1' });
  renderWithDatabase(<MyAssessmentsScreen />, db, {
    id: 'usr_c',
    email: 'cara@example.test',
    full_name: 'Cara Mensah',
    role: 'candidate',
  });
  const table = await screen.findByRole('table', { name: /^My assessments/ });
  await within(table).findByText('Not released yet');
  expect(table.textContent).not.toContain('90');
});
