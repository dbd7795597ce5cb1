// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { useMemo } from 'react';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { Subject } from 'rxjs';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { useDatabase } from '../data/database-context';
import { openTestDatabase, renderWithDatabase } from '../test-support/database';
import { useLiveQuery } from './use-live-query';

let db: AppDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
  db = undefined;
});

function RequisitionTitles() {
  const database = useDatabase();
  const requisitions$ = useMemo(
    () => repo(database, 'job_requisition').find$({ sort: [{ created_at: 'asc' }] }),
    [database],
  );
  const result = useLiveQuery(requisitions$);
  if (result.status === 'loading') return <p role="status">Loading</p>;
  if (result.status === 'error') return <p role="alert">{result.error.message}</p>;
  return (
    <ul aria-label="Requisitions">
      {result.data.map((r) => (
        <li key={r.requisition_id}>{r.title}</li>
      ))}
    </ul>
  );
}

const requisition = (title: string) => ({ title, description: `${title} role`, created_by: 'usr_recruiter' });

describe('useLiveQuery', () => {
  it('re-renders a list when a document is inserted, changed or removed, without reloading', async () => {
    db = await openTestDatabase(['requisitions']);
    await repo(db, 'job_requisition').create(requisition('Backend Engineer'));
    renderWithDatabase(<RequisitionTitles />, db);

    expect(await screen.findByText('Backend Engineer')).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(1);

    const inserted = await repo(db, 'job_requisition').create(requisition('Data Engineer'));
    expect(await screen.findByText('Data Engineer')).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(2);

    await repo(db, 'job_requisition').update(inserted.requisition_id, { title: 'Senior Data Engineer' });
    expect(await screen.findByText('Senior Data Engineer')).toBeTruthy();

    await repo(db, 'job_requisition').remove(inserted.requisition_id);
    await waitFor(() => expect(screen.queryByText('Senior Data Engineer')).toBeNull());
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });

  it('is loading until the first result, and reports errors', () => {
    const source = new Subject<string[]>();
    function Probe() {
      const result = useLiveQuery(source);
      return (
        <p>
          {result.status === 'error'
            ? result.error.message
            : result.status === 'ready'
              ? result.data.join(',')
              : 'loading'}
        </p>
      );
    }
    render(<Probe />);
    expect(screen.getByText('loading')).toBeTruthy();
    act(() => source.next(['a', 'b']));
    expect(screen.getByText('a,b')).toBeTruthy();
    act(() => source.error(new Error('query failed')));
    expect(screen.getByText('query failed')).toBeTruthy();
  });
});
