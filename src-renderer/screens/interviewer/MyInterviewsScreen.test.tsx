// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase, renderWithDatabase } from '../../test-support/database';
import { MyInterviewsScreen } from './MyInterviewsScreen';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
});

const me = { id: 'usr_me', email: 'me@example.test', full_name: 'Ines Duarte', role: 'interviewer' as const };

it('lists interviews the user leads or joins, with candidate names and times in the interview’s zone', async () => {
  db = await openTestDatabase(['interviews', 'candidates']);
  const ada = await repo(db, 'candidate').create({ full_name: 'Ada Obi', email: 'ada@example.test' });
  const bo = await repo(db, 'candidate').create({ full_name: 'Bo Lind', email: 'bo@example.test' });
  const interviews = repo(db, 'interview_session');
  await interviews.create({
    candidate_id: ada.candidate_id,
    interviewer_id: me.id,
    scheduled_at: '2026-12-01T09:30:00.000Z',
    timezone: 'Europe/Paris',
  });
  await interviews.create({
    candidate_id: bo.candidate_id,
    interviewer_id: 'usr_other',
    additional_interviewers: [me.id],
    scheduled_at: '2026-12-02T09:30:00.000Z',
    timezone: 'Asia/Tokyo',
    interview_type: 'panel',
    interview_mode: 'phone',
  });
  await interviews.create({
    candidate_id: bo.candidate_id,
    interviewer_id: 'usr_other',
    scheduled_at: '2026-12-03T09:30:00.000Z',
  });

  renderWithDatabase(<MyInterviewsScreen />, db, me);
  const table = await screen.findByRole('table', { name: /^My interviews/ });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
  expect(rows).toEqual([
    ['1 Dec 2026, 10:30 CET', 'Ada Obi', 'Technical', 'Video', 'Scheduled', 'No notesEdit'],
    ['2 Dec 2026, 18:30 GMT+9', 'Bo Lind', 'Panel', 'Phone', 'Scheduled', 'No notesEdit'],
  ]);
});

it('edits an interview’s preparation notes in a dialog and shows them in the list, from the local database', async () => {
  db = await openTestDatabase(['interviews', 'candidates']);
  const ada = await repo(db, 'candidate').create({ full_name: 'Ada Obi', email: 'ada@example.test' });
  const interview = await repo(db, 'interview_session').create({
    candidate_id: ada.candidate_id,
    interviewer_id: me.id,
    scheduled_at: '2026-12-01T09:30:00.000Z',
    preparation_notes: 'Read the CV.',
  });

  renderWithDatabase(<MyInterviewsScreen />, db, me);
  const table = await screen.findByRole('table', { name: /^My interviews/ });
  expect(within(table).getByText('Read the CV.')).toBeTruthy();
  fireEvent.click(within(table).getByRole('button', { name: 'Edit preparation notes for Ada Obi' }));
  const dialog = await screen.findByRole('dialog', { name: 'Preparation notes' });
  const field = within(dialog).getByLabelText('Preparation notes');
  expect((field as HTMLTextAreaElement).value).toBe('Read the CV.');
  fireEvent.change(field, { target: { value: 'Ask about the migration project.' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save notes' }));

  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(await within(table).findByText('Ask about the migration project.')).toBeTruthy();
  expect((await repo(db, 'interview_session').get(interview.interview_id))?.preparation_notes).toBe(
    'Ask about the migration project.',
  );
});
