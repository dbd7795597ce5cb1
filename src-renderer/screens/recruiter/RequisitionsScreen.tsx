import { useMemo } from 'react';
import type { Doc } from '@shared/domain/registry';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge, type BadgeTone } from '../../components/Badge';
import { formatDate } from '../../format/dates';
import { humanize } from '../../format/labels';

type Requisition = Doc<'job_requisition'>;

const statusTone: Record<Requisition['status'], BadgeTone> = {
  draft: 'neutral',
  open: 'success',
  paused: 'warning',
  closed: 'neutral',
  filled: 'info',
  cancelled: 'danger',
};

const columns: readonly Column<Requisition>[] = [
  { id: 'title', header: 'Title', cell: (r) => r.title, sortValue: (r) => r.title },
  {
    id: 'department',
    header: 'Department',
    cell: (r) => r.department || '—',
    sortValue: (r) => r.department || undefined,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (r) => <Badge tone={statusTone[r.status]}>{humanize(r.status)}</Badge>,
    sortValue: (r) => r.status,
  },
  {
    id: 'positions',
    header: 'Positions',
    numeric: true,
    cell: (r) => (
      <>
        <span aria-hidden="true">
          {r.positions_filled} / {r.positions_available}
        </span>
        <span className="visually-hidden">
          {r.positions_filled} of {r.positions_available} filled
        </span>
      </>
    ),
    sortValue: (r) => r.positions_available,
  },
  {
    id: 'applicants',
    header: 'Applicants',
    numeric: true,
    cell: (r) => r.total_applicants,
    sortValue: (r) => r.total_applicants,
  },
  {
    id: 'created',
    header: 'Created',
    cell: (r) => <time dateTime={r.created_at}>{formatDate(r.created_at)}</time>,
    sortValue: (r) => r.created_at,
  },
];

/** The recruiter's home: every requisition on this device, live. */
export function RequisitionsScreen() {
  const db = useDatabase();
  const requisitions$ = useMemo(() => repo(db, 'job_requisition').find$({ sort: [{ created_at: 'desc' }] }), [db]);
  const result = useLiveQuery(requisitions$);
  return (
    <>
      <ScreenHeader title="Requisitions">
        <p>Open and past job requisitions. Applicant counts are updated by the server when this device syncs.</p>
      </ScreenHeader>
      <DataTable
        caption="Requisitions"
        captionHidden
        columns={columns}
        result={result}
        rowKey={(r) => r.requisition_id}
        initialSort={{ columnId: 'created', direction: 'descending' }}
        emptyMessage="No requisitions yet."
        loadingMessage="Loading requisitions…"
      />
    </>
  );
}
