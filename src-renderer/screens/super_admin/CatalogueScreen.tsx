import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge } from '../../components/Badge';
import { NoValue } from '../../components/NoValue';
import { humanize } from '../../format/labels';

/** Skills and roles share one catalogue collection and one list here. */
interface CatalogueEntry {
  id: string;
  name: string;
  type: 'Skill' | 'Role';
  /** A skill's category, or a role's department. */
  group: string | undefined;
  description: string | undefined;
  active: boolean;
}

export function catalogue$(db: AppDatabase) {
  return combineLatest([repo(db, 'skill').find$(), repo(db, 'role').find$()]).pipe(
    map(([skills, roles]): CatalogueEntry[] => [
      ...skills.map((s) => ({
        id: s.skill_id,
        name: s.name,
        type: 'Skill' as const,
        group: humanize(s.category),
        description: s.description,
        active: s.is_active,
      })),
      ...roles.map((r) => ({
        id: r.role_id,
        name: r.name,
        type: 'Role' as const,
        group: r.department || undefined,
        description: r.description,
        active: r.is_active,
      })),
    ]),
  );
}

const columns: readonly Column<CatalogueEntry>[] = [
  { id: 'name', header: 'Name', cell: (e) => e.name, sortValue: (e) => e.name },
  { id: 'type', header: 'Type', cell: (e) => e.type, sortValue: (e) => e.type },
  {
    id: 'group',
    header: 'Category or department',
    cell: (e) => e.group ?? <NoValue label="None given" />,
    sortValue: (e) => e.group,
  },
  { id: 'description', header: 'Description', cell: (e) => e.description || <NoValue label="No description" /> },
  {
    id: 'active',
    header: 'Active',
    cell: (e) => (e.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Inactive</Badge>),
    sortValue: (e) => e.active,
  },
];

/** Super administrators maintain the skills and roles every requisition draws on. */
export function CatalogueScreen() {
  const db = useDatabase();
  const entries$ = useMemo(() => catalogue$(db), [db]);
  const result = useLiveQuery(entries$);
  return (
    <>
      <ScreenHeader title="Roles & Skills">
        <p>The shared catalogue of job roles and skills.</p>
      </ScreenHeader>
      <DataTable
        caption="Roles and skills catalogue"
        captionHidden
        columns={columns}
        result={result}
        rowKey={(e) => e.id}
        initialSort={{ columnId: 'name', direction: 'ascending' }}
        emptyMessage="The catalogue is empty."
        loadingMessage="Loading the catalogue…"
      />
    </>
  );
}
