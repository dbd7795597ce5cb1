import { useMemo, useState, type ReactNode } from 'react';
import type { LiveQueryResult } from '../hooks/use-live-query';

/*
 * A native <table> with a caption, column headers and sortable columns
 * (the WAI-ARIA "sortable table" pattern: a button in each sortable header,
 * aria-sort on the sorted one). Native markup gives screen readers table
 * navigation for free; the caption also says how the rows are sorted.
 */

export type SortValue = string | number | boolean | undefined;
export type SortDirection = 'ascending' | 'descending';

export interface Column<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** The value rows are ordered by; a column without one is not sortable. */
  sortValue?: (row: Row) => SortValue;
  /** Right-aligned, for numbers that are compared by eye. */
  numeric?: boolean;
}

export interface SortState {
  columnId: string;
  direction: SortDirection;
}

export interface DataTableProps<Row> {
  caption: string;
  /** Hide the caption visually when a visible heading already says the same. */
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  result: LiveQueryResult<Row[]>;
  rowKey: (row: Row) => string;
  initialSort?: SortState;
  /** What the empty state says, e.g. "No requisitions yet." */
  emptyMessage: string;
  loadingMessage?: string;
}

function compareValues(a: SortValue, b: SortValue): number {
  // Missing values sort last whatever the direction, so they never hide real rows.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  return Number(a) - Number(b);
}

export function sortRows<Row>(rows: readonly Row[], column: Column<Row> | undefined, direction: SortDirection): Row[] {
  const sortValue = column?.sortValue;
  if (!sortValue) return [...rows];
  const sign = direction === 'ascending' ? 1 : -1;
  // Array.prototype.sort is stable: rows that tie keep the order the query gave them.
  return [...rows].sort((x, y) => {
    const a = sortValue(x);
    const b = sortValue(y);
    if (a === undefined || b === undefined) return compareValues(a, b);
    return sign * compareValues(a, b);
  });
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const {
    caption,
    captionHidden,
    columns,
    result,
    rowKey,
    initialSort,
    emptyMessage,
    loadingMessage = 'Loading…',
  } = props;
  const [sort, setSort] = useState<SortState | undefined>(initialSort);
  const sortColumn = columns.find((c) => c.id === sort?.columnId);
  const rows = result.data;
  const sorted = useMemo(
    () => (rows ? sortRows(rows, sortColumn, sort?.direction ?? 'ascending') : []),
    [rows, sortColumn, sort?.direction],
  );

  if (result.status === 'loading') {
    return (
      <p role="status" className="loading">
        {loadingMessage}
      </p>
    );
  }
  if (result.status === 'error') {
    return (
      <p role="alert" className="error-state">
        {caption} could not be loaded: {result.error.message}
      </p>
    );
  }
  if (sorted.length === 0) {
    return (
      <div role="status" className="empty-state">
        <p>{emptyMessage}</p>
      </div>
    );
  }

  function toggle(column: Column<Row>) {
    setSort((current) => ({
      columnId: column.id,
      direction: current?.columnId === column.id && current.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  }

  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
          {sortColumn && sort && (
            <span className="visually-hidden">
              , sorted by {sortColumn.header}, {sort.direction}
            </span>
          )}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.columnId === column.id;
              return (
                <th
                  key={column.id}
                  scope="col"
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={active ? sort.direction : undefined}
                >
                  {column.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(column)}>
                      {column.header}
                      <span aria-hidden="true" className="sort-indicator">
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.id} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
