import type { Doc } from '../../src-shared/domain/registry';
import { readRows, rowToStored, selectFrom, writeRow } from '../db/rows';
import type { Queryable } from '../db/sql';

/*
 * An invitation token is single-use, but exam stations accept tokens offline,
 * so two stations (or two sessions) may both have accepted the same one. The
 * server settles it whenever a session naming a token is written, in the
 * push's transaction:
 * - the session that started first (started_at, the station's clock) keeps
 *   the token; on a tie, the smaller session_id does. Neither depends on the
 *   order in which stations sync, so a late sync can move the verdict to the
 *   session that really started first, and replaying it changes nothing;
 * - every other session is kept too (nothing a candidate did is dropped) and
 *   flagged: needs_review = true with a review_reason naming the session that
 *   kept the token. A flag is never lifted here: a reviewer (proctor, admin)
 *   decides, and may clear it; settlement runs only when a session naming the
 *   token first reaches the server, so a later edit does not re-flag it;
 * - a session whose token is unknown, belongs to another assessment, or had
 *   expired before the session started is flagged the same way;
 * - the token is marked used (at the keeper's start) if no station said so yet.
 * Flagged sessions are ordinary writes: they get new change numbers and
 * reach proctors' and admins' pulls and the station's own.
 */

type Session = Doc<'test_session'>;
type Token = Doc<'assessment_token'>;

const REASON_MAX = 2000;
/** Starts every reason this module writes, so that it can tell its own flag apart. */
export const TOKEN_REVIEW_PREFIX = 'Invitation token';

function firstOf(sessions: Session[]): Session {
  return [...sessions].sort(
    (a, b) => a.started_at.localeCompare(b.started_at) || a.session_id.localeCompare(b.session_id),
  )[0]!;
}

function problemOf(session: Session, token: Token | undefined, keeper: Session): string | undefined {
  const where = (s: Session) => (s.station_id ? ` on station ${s.station_id}` : '');
  if (!token) return `${TOKEN_REVIEW_PREFIX} ${session.assessment_token_id} is unknown to the server.`;
  if (token.assessment_id !== session.assessment_id)
    return `${TOKEN_REVIEW_PREFIX} ${token.id} is for another assessment (${token.assessment_id}).`;
  if (token.expires_at <= session.started_at)
    return `${TOKEN_REVIEW_PREFIX} ${token.id} had expired (${token.expires_at}) when this session started.`;
  if (keeper.session_id !== session.session_id)
    return `${TOKEN_REVIEW_PREFIX} ${token.id} was used twice: session ${keeper.session_id}${where(keeper)} started first (${keeper.started_at}) and keeps it; this session started ${session.started_at}${where(session)}.`;
  return undefined;
}

function flagged(session: Session, reason: string, nowIso: string): Session | undefined {
  const current = session.review_reason ?? '';
  if (current.includes(reason)) return undefined;
  const combined = current && !current.includes(reason) ? `${current}\n${reason}` : reason;
  return { ...session, needs_review: true, review_reason: combined.slice(0, REASON_MAX), updated_at: nowIso };
}

/**
 * Settles the tokens named by sessions that just reached the server for the
 * first time (`arrived`: the pushed documents). Returns the ids of the
 * sessions it flagged.
 */
export async function settleTokenReuse(
  tx: Queryable,
  arrived: readonly Record<string, unknown>[],
  nowMs: number,
): Promise<string[]> {
  const tokenIds = [...new Set(arrived.map((s) => s.assessment_token_id).filter((t): t is string => !!t))];
  if (!tokenIds.length) return [];
  const nowIso = new Date(nowMs).toISOString();
  const tokens = await readRows(tx, 'assessment_token', tokenIds, true);
  const rows = await tx.query(
    `${selectFrom('test_session')} WHERE r.assessment_token_id = ANY($1::text[]) AND NOT r._deleted FOR UPDATE`,
    [tokenIds],
  );
  const sessions = rows.map((row) => rowToStored('test_session', row).doc as Session);
  const out: string[] = [];
  for (const tokenId of tokenIds) {
    const stored = tokens.get(tokenId);
    const token = stored && !stored.deleted ? (stored.doc as Token) : undefined;
    const using = sessions.filter((s) => s.assessment_token_id === tokenId);
    if (!using.length) continue;
    // Only sessions the token is valid for compete for it.
    const valid = using.filter((s) => token && !problemOf(s, token, s));
    const keeper = valid.length ? firstOf(valid) : undefined;
    for (const session of using) {
      const reason = problemOf(session, token, keeper ?? session);
      const next = reason && flagged(session, reason, nowIso);
      if (!next) continue;
      await writeRow(tx, 'test_session', next);
      out.push(session.session_id);
    }
    if (token && keeper && !token.is_used) {
      await writeRow(tx, 'assessment_token', {
        ...token,
        is_used: true,
        used_at: keeper.started_at,
        updated_at: nowIso,
      });
    }
  }
  return out;
}
