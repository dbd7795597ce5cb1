// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase, renderWithDatabase } from '../../test-support/database';
import { FlaggedEventsScreen } from './FlaggedEventsScreen';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
});

it('lists flagged events only, most severe first, then newest first, with the session’s candidate', async () => {
  db = await openTestDatabase(['proctoring_events', 'test_sessions']);
  const session = await repo(db, 'test_session').create({
    candidate_name: 'Ada Obi',
    candidate_email: 'ada@example.test',
    started_at: '2026-11-20T09:00:00.000Z',
    total_questions: 10,
  });
  const event = (severity: 'low' | 'high' | 'critical', minute: number, flagged = true) =>
    repo(db!, 'proctoring_event').create({
      test_session_id: session.session_id,
      event_type: 'tab_switch',
      severity,
      flagged,
      detected_at: `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`,
    });
  await event('high', 1);
  await event('critical', 2);
  await event('high', 3);
  await event('low', 4);
  await event('critical', 5, false);

  renderWithDatabase(<FlaggedEventsScreen />, db, {
    id: 'usr_p',
    email: 'p@example.test',
    full_name: 'Priya Iyer',
    role: 'proctor',
  });
  const table = await screen.findByRole('table', { name: /^Flagged proctoring events/ });
  const rows = within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const cells = within(row).getAllByRole('cell');
      return `${cells[0]!.textContent} ${cells[2]!.textContent} ${cells[3]!.querySelector('time')?.getAttribute('datetime')?.slice(14, 16)}`;
    });
  expect(rows).toEqual(['Ada Obi Critical 02', 'Ada Obi High 03', 'Ada Obi High 01', 'Ada Obi Low 04']);
});
