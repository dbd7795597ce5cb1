// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
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
  db = await openTestDatabase(['candidates', 'applications', 'assessments']);
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
    ['SQL deep dive', 'CompletedExpired', '45 min'],
    ['TypeScript basics', 'Pending', '30 min'],
  ]);
});
