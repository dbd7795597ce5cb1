import type { ScoreReleasePolicy } from '../../../src-shared/domain/score-release';
import type { Queryable } from '../../db/sql';
import { scoreSessions } from '../scoring';
import { settleTokenReuse } from '../token-reuse';
import type { Accepted } from './row-access';

/*
 * Step 8, what the server does because of the batch, in its transaction:
 * settle the invitations of sessions that just arrived (token-reuse.ts:
 * marks them used, flags reuse) and score the sessions whose score may have
 * changed (scoring.ts). Both write server-decided fields only.
 */

export async function applyEffects(
  tx: Queryable,
  accepted: readonly Accepted[],
  clock: { release: ScoreReleasePolicy; nowMs: number },
): Promise<void> {
  const arrived = accepted.filter((a) => a.planned.kind === 'test_session' && !a.planned.current).map((a) => a.doc);
  await settleTokenReuse(tx, arrived, clock.nowMs);
  const sessions = accepted.flatMap((a) =>
    a.planned.kind === 'test_session'
      ? [String(a.doc.session_id)]
      : a.planned.kind === 'answer'
        ? [String(a.doc.session_id)]
        : [],
  );
  await scoreSessions(tx, sessions, clock);
}
