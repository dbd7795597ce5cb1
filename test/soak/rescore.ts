import { IMMEDIATE_RELEASE } from '@shared/domain/score-release';
import { writeRow } from '../../src-server/db/rows';
import type { Sql } from '../../src-server/db/sql';
import { scoreSessions } from '../../src-server/sync/scoring';
import { takeSyncWriteLock } from '../../src-server/sync/write-lock';
import { readServerState, type ServerState } from './server-state';

/*
 * A fresh recomputation of every score, by the server's own scoring code
 * (src-server/sync/scoring.ts), inside a transaction that is rolled back.
 *
 * During the soak the server scores incrementally: when a station reports a
 * session completed, and again whenever an answer of a completed session
 * arrives late, across restarts and cut connections. Here the scores and
 * marks are wiped from every completed session and its answers and scored
 * again in one go from the final data, under the sync write lock (so no push
 * lands in between). If the incremental path ever missed a change, the two
 * differ. Nothing is written: the transaction always rolls back.
 */

export interface Rescored {
  /** What the server holds. */
  stored: ServerState;
  /** The same rows after wiping and rescoring them. */
  fresh: ServerState;
}

class RollBack extends Error {
  constructor(readonly result: Rescored) {
    super('rolled back on purpose');
  }
}

export async function rescore(sql: Sql, assessmentId: string, nowMs = Date.now()): Promise<Rescored> {
  try {
    await sql.transaction(async (tx) => {
      await takeSyncWriteLock(tx, sql.schema);
      const stored = await readServerState(tx, assessmentId);
      const completed = new Set(stored.sessions.filter((s) => s.is_completed).map((s) => s.session_id));
      for (const session of stored.sessions) {
        if (!completed.has(session.session_id)) continue;
        const { correct_answers: _c, score_percentage: _p, score_released_at: _r, ...unscored } = session;
        await writeRow(tx, 'test_session', { ...unscored, is_scored: false });
      }
      for (const answer of stored.answers) {
        if (!completed.has(answer.session_id) || answer.is_correct === undefined) continue;
        const { is_correct: _m, ...unmarked } = answer;
        await writeRow(tx, 'answer', unmarked);
      }
      await scoreSessions(tx, completed, { release: IMMEDIATE_RELEASE, nowMs });
      throw new RollBack({ stored, fresh: await readServerState(tx, assessmentId) });
    });
  } catch (error) {
    if (error instanceof RollBack) return error.result;
    throw error;
  }
  throw new Error('the rescoring transaction was not rolled back');
}
