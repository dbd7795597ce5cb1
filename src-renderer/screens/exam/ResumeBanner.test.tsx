// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { AppDatabase } from '../../db/database';
import { startExam } from '../../exam/start-exam';
import { seedExam } from '../../exam/test-fixture';
import { openTestDatabase } from '../../test-support/database';
import { PROCTOR, renderInRouter } from '../proctor/render-in-router';
import { ResumeBanner } from './ResumeBanner';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
});

it('offers this station’s unfinished test after a restart, and nothing on another station', async () => {
  db = await openTestDatabase();
  const exam = await seedExam(db);
  await startExam(db, exam.invitation, { stationId: 'station-1' });

  // Both ask at once: by the time this station's offer shows, the other station has answered too.
  await renderInRouter(
    <>
      <ResumeBanner stationId="station-2" />
      <ResumeBanner stationId="station-1" />
    </>,
    db,
    PROCTOR,
  );
  expect(await screen.findByRole('button', { name: 'Resume the test' })).toBeDefined();
  expect(screen.getAllByRole('button', { name: 'Resume the test' })).toHaveLength(1);
  expect(screen.getByRole('region', { name: 'Unfinished test' }).textContent).toContain(
    'Cara Mensah has an unfinished test, “SQL basics”.',
  );
});
