// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { LiveQueryResult } from '../hooks/use-live-query';
import { DataTable, type Column } from './DataTable';

afterEach(cleanup);

interface Row {
  id: string;
  name: string;
  score: number | undefined;
}

const columns: Column<Row>[] = [
  { id: 'name', header: 'Name', cell: (r) => r.name, sortValue: (r) => r.name },
  { id: 'score', header: 'Score', numeric: true, cell: (r) => r.score ?? '—', sortValue: (r) => r.score },
  { id: 'note', header: 'Note', cell: () => 'n/a' },
];

const ready = (data: Row[]): LiveQueryResult<Row[]> => ({ status: 'ready', data, error: undefined });
const rows: Row[] = [
  { id: '1', name: 'Berg', score: 10 },
  { id: '2', name: 'Achebe', score: undefined },
  { id: '3', name: 'Costa', score: 2 },
];

function firstColumn() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);
}

describe('DataTable', () => {
  it('renders a captioned table with column headers, sortable by keyboard-reachable buttons', () => {
    render(
      <DataTable
        caption="People"
        columns={columns}
        result={ready(rows)}
        rowKey={(r) => r.id}
        emptyMessage="Nobody."
        initialSort={{ columnId: 'name', direction: 'ascending' }}
      />,
    );
    const table = screen.getByRole('table', { name: /^People/ });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent?.replace(/[▲▼↕]/g, '')),
    ).toEqual(['Name', 'Score', 'Note']);
    expect(firstColumn()).toEqual(['Achebe', 'Berg', 'Costa']);
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');
    // A column without a sort value has no button.
    expect(within(screen.getByRole('columnheader', { name: 'Note' })).queryByRole('button')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(firstColumn()).toEqual(['Costa', 'Berg', 'Achebe']);
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');

    fireEvent.click(screen.getByRole('button', { name: /Score/ }));
    expect(firstColumn()).toEqual(['Costa', 'Berg', 'Achebe']); // missing scores sort last
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBeNull();
    expect(table.querySelector('caption')?.textContent).toBe('People, sorted by Score, ascending');
  });

  it('shows loading, empty and error states instead of a table', () => {
    const { rerender } = render(
      <DataTable
        caption="People"
        columns={columns}
        result={{ status: 'loading', data: undefined, error: undefined }}
        rowKey={(r) => r.id}
        emptyMessage="Nobody yet."
        loadingMessage="Loading people…"
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Loading people…');
    rerender(
      <DataTable
        caption="People"
        columns={columns}
        result={ready([])}
        rowKey={(r) => r.id}
        emptyMessage="Nobody yet."
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Nobody yet.');
    expect(screen.queryByRole('table')).toBeNull();
    rerender(
      <DataTable
        caption="People"
        columns={columns}
        result={{ status: 'error', data: undefined, error: new Error('closed') }}
        rowKey={(r) => r.id}
        emptyMessage="Nobody yet."
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('closed');
  });
});
