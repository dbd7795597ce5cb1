import type { Doc } from '@shared/domain/registry';
import { rowToStored, selectFrom } from '../../src-server/db/rows';
import type { Queryable } from '../../src-server/db/sql';

/*
 * The soak exam's sessions and answers as the server holds them, read with
 * the server's own row code (src-server/db/rows.ts), so that a document here
 * is what scoring and the pulls see. Deleted rows are left out: a confirmed
 * answer that the server holds only as deleted is lost.
 */

export interface ServerState {
  sessions: Doc<'test_session'>[];
  answers: Doc<'answer'>[];
}

export async function readServerState(db: Queryable, assessmentId: string): Promise<ServerState> {
  const sessionRows = await db.query(
    `${selectFrom('test_session')} WHERE r.assessment_id = $1 AND NOT r._deleted ORDER BY r.session_id`,
    [assessmentId],
  );
  const sessions = sessionRows.map((row) => rowToStored('test_session', row).doc as Doc<'test_session'>);
  const answerRows = await db.query(
    `${selectFrom('answer')} WHERE r.session_id = ANY($1::text[]) AND NOT r._deleted ORDER BY r.id`,
    [sessions.map((s) => s.session_id)],
  );
  return { sessions, answers: answerRows.map((row) => rowToStored('answer', row).doc as Doc<'answer'>) };
}
