import type { Doc } from '../../../src-shared/domain/registry';
import { conflictRuleOf } from '../../../src-shared/sync/conflict-rules';
import { quoteIdent } from '../../db/ddl';
import { readRows, rowToStored, selectFrom, type StoredRow } from '../../db/rows';
import type { Queryable } from '../../db/sql';
import { tableNames } from '../../db/table-spec';
import type { Planned } from './batch';

/*
 * The other rows a batch's rules read, loaded once per batch inside its
 * transaction. Every sync writer holds the sync write lock, so none of them
 * can change before the batch commits.
 * - answers: their sessions and time limits (the answer window);
 * - new test sessions: their assessments, the invitations they name, and
 *   the questions of each assessment's content (the server's composition).
 */

export interface SessionLimits {
  session: Doc<'test_session'>;
  durationMinutes: number | undefined;
}

const isNewSession = (p: Planned) => p.kind === 'test_session' && (!p.current || p.current.deleted);

export class WriteContext {
  private constructor(
    private readonly sessions: Map<string, SessionLimits>,
    private readonly assessments: Map<string, StoredRow>,
    private readonly tokens: Map<string, StoredRow>,
    private readonly contentQuestions: Map<string, string[]>,
  ) {}

  static async load(tx: Queryable, batch: readonly Planned[]): Promise<WriteContext> {
    const answered = batch.filter((p) => conflictRuleOf(p.kind).answerWindow).map((p) => String(p.incoming.session_id));
    const sessions = await sessionsWithLimits(tx, [...new Set(answered)]);
    const created = batch.filter(isNewSession).map((p) => p.incoming);
    const ids = (field: string) => [
      ...new Set(created.map((d) => d[field]).filter((v): v is string => typeof v === 'string')),
    ];
    const assessments = await readRows(tx, 'assessment', ids('assessment_id'));
    const tokens = await readRows(tx, 'assessment_token', ids('assessment_token_id'));
    const contentQuestions = await questionsOfContent(tx, [...assessments.values()]);
    return new WriteContext(sessions, assessments, tokens, contentQuestions);
  }

  /**
   * The live session an answer belongs to, with its time limit; undefined if the server has none yet.
   * Read under the sync write lock, so current until the batch commits (a push holds one collection's
   * kinds, so an answers push never writes the session itself).
   */
  sessionOf(sessionId: string): SessionLimits | undefined {
    return this.sessions.get(sessionId);
  }

  /** A live assessment. */
  assessment(id: unknown): Doc<'assessment'> | undefined {
    const row = typeof id === 'string' ? this.assessments.get(id) : undefined;
    return row && !row.deleted ? (row.doc as Doc<'assessment'>) : undefined;
  }

  /** An invitation, deleted (revoked) ones included: a station may have accepted it before it was. */
  token(id: unknown): { token: Doc<'assessment_token'>; deleted: boolean } | undefined {
    const row = typeof id === 'string' ? this.tokens.get(id) : undefined;
    return row && { token: row.doc as Doc<'assessment_token'>, deleted: row.deleted };
  }

  /** The live questions of an assessment's content (its question set, else its job description). */
  questionsOf(assessment: Doc<'assessment'>): string[] {
    return this.contentQuestions.get(contentKey(assessment)) ?? [];
  }
}

/**
 * Sessions and their assessment's time limit in one statement: a kiosk's
 * answer push holds the sync write lock across its round trips, and every
 * round trip under it delays every other station's push.
 */
async function sessionsWithLimits(tx: Queryable, ids: string[]): Promise<Map<string, SessionLimits>> {
  const out = new Map<string, SessionLimits>();
  if (!ids.length) return out;
  const select = selectFrom('test_session');
  const from = select.indexOf(' FROM ');
  const rows = await tx.query(
    `${select.slice(0, from)}, a.duration_minutes AS "_duration"${select.slice(from)}
       LEFT JOIN ${quoteIdent(tableNames.assessment)} AS a ON a.assessment_id = r.assessment_id AND NOT a._deleted
      WHERE r.session_id = ANY($1::text[]) AND NOT r._deleted`,
    [ids],
  );
  for (const row of rows) {
    const stored = rowToStored('test_session', row);
    const duration = row._duration === null || row._duration === undefined ? undefined : Number(row._duration);
    out.set(String(row.session_id), { session: stored.doc as Doc<'test_session'>, durationMinutes: duration });
  }
  return out;
}

const contentKey = (a: Pick<Doc<'assessment'>, 'question_set_id' | 'jd_id'>) =>
  a.question_set_id ? `set:${a.question_set_id}` : a.jd_id ? `jd:${a.jd_id}` : '';

async function questionsOfContent(tx: Queryable, assessments: StoredRow[]): Promise<Map<string, string[]>> {
  const docs = assessments.filter((a) => !a.deleted).map((a) => a.doc as Doc<'assessment'>);
  const sets = [...new Set(docs.map((a) => a.question_set_id).filter((v): v is string => !!v))];
  const jds = [...new Set(docs.filter((a) => !a.question_set_id && a.jd_id).map((a) => a.jd_id!))];
  const out = new Map<string, string[]>();
  if (!sets.length && !jds.length) return out;
  const rows = await tx.query<{ id: string; question_set_id: string | null; jd_id: string | null }>(
    `SELECT id, question_set_id, jd_id FROM ${quoteIdent(tableNames.question)}
      WHERE NOT _deleted AND (question_set_id = ANY($1::text[]) OR jd_id = ANY($2::text[]))`,
    [sets, jds],
  );
  for (const row of rows) {
    const keys = [
      ...(row.question_set_id && sets.includes(row.question_set_id) ? [`set:${row.question_set_id}`] : []),
      ...(row.jd_id && jds.includes(row.jd_id) ? [`jd:${row.jd_id}`] : []),
    ];
    for (const key of keys) out.set(key, [...(out.get(key) ?? []), row.id]);
  }
  return out;
}
