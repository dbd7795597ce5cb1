import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import { useShallow } from 'zustand/react/shallow';
import { useDatabase } from '../../data/database-context';
import { repo } from '../../db/repository';
import { useLiveQuery } from '../../hooks/use-live-query';
import { formatSyncTime, useSyncStore } from '../../state/sync-store';

/*
 * Whether the station can run offline: what its bundle holds, live from its
 * database, and when it last synced. A proctor checks this before cutting
 * the network or leaving the room.
 */
export function StationBundleStatus() {
  const db = useDatabase();
  const counts$ = useMemo(
    () =>
      combineLatest([
        repo(db, 'assessment').find$(),
        repo(db, 'question').find$(),
        repo(db, 'assessment_token').find$(),
        repo(db, 'test_session').find$(),
      ]).pipe(
        map(([assessments, questions, tokens, sessions]) => {
          // The server marks an invitation used when its session arrives; until then the session here says so.
          const opened = new Set(sessions.map((s) => s.assessment_token_id));
          return {
            assessments: assessments.length,
            questions: questions.length,
            openTokens: tokens.filter((t) => !t.is_used && !opened.has(t.id) && Date.parse(t.expires_at) > Date.now())
              .length,
          };
        }),
      ),
    [db],
  );
  const counts = useLiveQuery(counts$);
  const sync = useSyncStore(
    useShallow((s) => ({ online: s.online, syncing: s.syncing, lastSyncedAt: s.lastSyncedAt, pending: s.pendingPush })),
  );
  const ready = counts.status === 'ready' && counts.data.assessments > 0 && counts.data.questions > 0;
  const value = (n: number | undefined) => (counts.status === 'ready' ? String(n) : '…');
  return (
    <section className="panel" aria-labelledby="bundle-heading">
      <h2 id="bundle-heading">Exam bundle</h2>
      <p role="status">
        {ready
          ? 'Ready: this station can run its exams without a network.'
          : sync.lastSyncedAt
            ? 'Not ready: the bundle holds no questions for its assessments.'
            : 'Not ready yet: the bundle is syncing.'}
      </p>
      <dl className="stats">
        <div className="stat">
          <dt>Assessments</dt>
          <dd>{value(counts.data?.assessments)}</dd>
        </div>
        <div className="stat">
          <dt>Questions</dt>
          <dd>{value(counts.data?.questions)}</dd>
        </div>
        <div className="stat">
          <dt>Open invitations</dt>
          <dd>{value(counts.data?.openTokens)}</dd>
        </div>
        <div className="stat">
          <dt>Last sync</dt>
          <dd>{sync.lastSyncedAt ? formatSyncTime(sync.lastSyncedAt) : 'never'}</dd>
        </div>
      </dl>
    </section>
  );
}
