// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase, renderWithDatabase } from '../../test-support/database';
import { flagSessionForFollowUp, markReviewed } from '../../review/actions';
import { ApplicationsScreen } from './ApplicationsScreen';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
});

const RECRUITER = { id: 'usr_rec', email: 'rec@example.test', full_name: 'Rania Haddad', role: 'recruiter' as const };

it('shows each application to my requisitions with its score and the proctoring review, live', async () => {
  db = await openTestDatabase([
    'applications',
    'candidates',
    'test_sessions',
    'proctoring_events',
    'requisitions',
    'assessments',
  ]);
  const d = db;
  const assessment = await repo(d, 'assessment').create({
    title: 'SQL',
    duration_minutes: 20,
    created_by: 'usr_admin',
  });
  const requisition = (title: string, created_by: string) =>
    repo(d, 'job_requisition').create({
      title,
      description: 'A job.',
      created_by,
      assessment_id: assessment.assessment_id,
    });
  await requisition('Data Engineer', RECRUITER.id);
  await requisition('Analyst', 'usr_someone_else');
  const apply = async (name: string, role: string, session?: string) => {
    const candidate = await repo(d, 'candidate').create({
      full_name: name,
      email: `${name.split(' ')[0]}@example.test`,
    });
    return repo(d, 'assessment_application').create({
      candidate_id: candidate.candidate_id,
      assessment_id: assessment.assessment_id,
      applied_at: '2026-11-01T09:00:00.000Z',
      role_applied_for: role,
      status: 'completed',
      ...(session ? { test_session_id: session } : {}),
    });
  };
  const session = await repo(d, 'test_session').create({
    candidate_name: 'Ada Obi',
    candidate_email: 'ada@example.test',
    assessment_id: assessment.assessment_id,
    started_at: '2026-11-20T09:00:00.000Z',
    completed_at: '2026-11-20T09:15:00.000Z',
    is_completed: true,
    total_questions: 10,
  });
  const events = await Promise.all(
    [1, 2].map((m) =>
      repo(d, 'proctoring_event').create({
        test_session_id: session.session_id,
        event_type: 'multiple_faces',
        severity: 'high',
        flagged: true,
        detected_at: `2026-11-20T09:0${m}:00.000Z`,
      }),
    ),
  );
  await apply('Ada Obi', 'Data Engineer', session.session_id);
  await apply('Ben Ode', 'Data Engineer');
  await apply('Cy Other', 'Analyst');

  renderWithDatabase(<ApplicationsScreen />, d, RECRUITER);
  const ada = await screen.findByRole('row', { name: /Ada Obi/ });
  expect(ada.textContent).toContain('Awaiting scoring');
  expect(ada.textContent).toContain('Proctoring: 2 flagged, none reviewed yet');
  expect(screen.getByRole('row', { name: /Ben Ode/ }).textContent).toContain('No exam taken yet');
  expect(screen.queryByRole('row', { name: /Cy Other/ })).toBeNull();

  // A proctor's review arriving (here written locally) shows without a reload.
  await act(async () => {
    for (const e of events) await markReviewed(d, 'usr_proctor', e.event_id, 'Checked');
    await flagSessionForFollowUp(d, session.session_id, 'Phone visible on the desk');
  });
  await waitFor(() =>
    expect(screen.getByRole('row', { name: /Ada Obi/ }).textContent).toContain(
      'Proctoring: 2 flagged, all reviewed; session flagged for follow-up: Phone visible on the desk',
    ),
  );

  fireEvent.click(screen.getByLabelText('Only my requisitions'));
  expect(await screen.findByRole('row', { name: /Cy Other/ })).toBeTruthy();
});
