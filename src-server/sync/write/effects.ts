import type { ScoreReleasePolicy } from '../../../src-shared/domain/score-release';
import type { Queryable } from '../../db/sql';
import { scoreSessions } from '../scoring';
import { settleTokenReuse } from '../token-reuse';
import type { WriteContext } from './context';
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
  context: WriteContext,
  clock: { release: ScoreReleasePolicy; nowMs: number },
): Promise<void> {
  const arrived = accepted.filter((a) => a.planned.kind === 'test_session' && !a.planned.current).map((a) => a.doc);
  await settleTokenReuse(tx, arrived, clock.nowMs);
  const sessions = accepted.flatMap((a) => {
    if (a.planned.kind === 'test_session') return [String(a.doc.session_id)];
    if (a.planned.kind !== 'answer') return [];
    // An answer of a session still running changes no score; the context read the session under the lock
    // (an answers push never writes sessions), which spares the kiosk's every push a second read.
    const known = context.sessionOf(String(a.doc.session_id));
    return known && !known.session.is_completed ? [] : [String(a.doc.session_id)];
  });
  await scoreSessions(tx, sessions, clock);
}
