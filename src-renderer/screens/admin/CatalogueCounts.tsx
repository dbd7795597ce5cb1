import { useMemo } from 'react';
import { combineLatest, map, type Observable } from 'rxjs';
import type { Kind } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery } from '../../hooks/use-live-query';

/** The catalogues an administrator maintains, in the order they are shown. */
const counted = [
  { kind: 'skill', label: 'Skills' },
  { kind: 'role', label: 'Roles' },
  { kind: 'job_description', label: 'Job descriptions' },
  { kind: 'question_set', label: 'Question sets' },
  { kind: 'assessment', label: 'Assessments' },
] as const satisfies readonly { kind: Kind; label: string }[];

export function catalogueCounts$(db: AppDatabase): Observable<{ label: string; count: number }[]> {
  // Catalogues are small (tens to hundreds), so counting live results is cheap enough.
  return combineLatest(
    counted.map(({ kind, label }) =>
      repo(db, kind)
        .find$()
        .pipe(map((docs) => ({ label, count: docs.length }))),
    ),
  );
}

export function CatalogueCounts() {
  const db = useDatabase();
  const counts$ = useMemo(() => catalogueCounts$(db), [db]);
  const result = useLiveQuery(counts$);
  return (
    <section className="stat-strip" aria-labelledby="catalogue-counts-heading">
      <h2 id="catalogue-counts-heading">Catalogue</h2>
      {result.status === 'loading' && (
        <p role="status" className="loading">
          Counting…
        </p>
      )}
      {result.status === 'error' && (
        <p role="alert" className="error-state">
          Counts could not be loaded: {result.error.message}
        </p>
      )}
      {result.status === 'ready' && (
        <dl className="stats">
          {result.data.map(({ label, count }) => (
            <div key={label} className="stat">
              <dt>{label}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
