import { useMemo } from 'react';
import type { Doc } from '@shared/domain/registry';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge } from '../../components/Badge';
import { humanize, roleLabels, roleOrder } from '../../format/labels';
import { CatalogueCounts } from './CatalogueCounts';

type User = Doc<'user'>;

const columns: readonly Column<User>[] = [
  { id: 'name', header: 'Name', cell: (u) => u.full_name, sortValue: (u) => u.full_name },
  { id: 'email', header: 'Email', cell: (u) => u.email, sortValue: (u) => u.email },
  {
    id: 'role',
    header: 'Role',
    cell: (u) => roleLabels[u.role] ?? humanize(u.role),
    sortValue: (u) => roleOrder.indexOf(u.role),
  },
  {
    id: 'active',
    header: 'Active',
    cell: (u) => (u.is_active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>),
    sortValue: (u) => u.is_active,
  },
];

/** Administrators' home (also a super administrator's): accounts and catalogue sizes. */
export function UsersScreen() {
  const db = useDatabase();
  const users$ = useMemo(() => repo(db, 'user').find$({ sort: [{ email: 'asc' }] }), [db]);
  const result = useLiveQuery(users$);
  return (
    <>
      <ScreenHeader title="Users">
        <p>Every account known to this device.</p>
      </ScreenHeader>
      <CatalogueCounts />
      <DataTable
        caption="Users"
        columns={columns}
        result={result}
        rowKey={(u) => u.id}
        initialSort={{ columnId: 'name', direction: 'ascending' }}
        emptyMessage="No users on this device."
        loadingMessage="Loading users…"
      />
    </>
  );
}
