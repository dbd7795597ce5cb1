import { accessFor } from '../../src-shared/permissions/access';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import type { Principal } from '../auth/principal';
import type { Sql } from '../db/sql';
import { Params, filterSql } from '../sync/filter-sql';

/*
 * Who may do what with snapshots:
 * - upload: whoever may create a proctoring event in that session, by the
 *   permission table (exam stations for the sessions they opened, candidates
 *   for their own, admins for any existing one). A snapshot is evidence
 *   belonging to its session's events, so the event rule is the rule.
 * - read: proctors and admins only. Candidates and stations never read one
 *   back, not even their own; recruiters see the review's outcome, not the
 *   pictures.
 */

export const SNAPSHOT_READERS: readonly PrincipalRole[] = ['proctor', 'admin', 'super_admin'];

export function maySeeSnapshots(role: PrincipalRole): boolean {
  return SNAPSHOT_READERS.includes(role);
}

/** Whether `principal` may add evidence to test session `sessionId` (which must exist). */
export async function mayUploadFor(sql: Sql, principal: Principal, sessionId: string): Promise<boolean> {
  const push = accessFor(principal.role, 'proctoring_event')?.push;
  if (!push?.create) return false;
  // The push rule, evaluated on the event such an upload belongs to.
  const params = new Params([sessionId]);
  const allowed = filterSql('proctoring_event', push.rows, 'e', principal, params);
  const rows = await sql.query<{ ok: boolean }>(
    `SELECT (${allowed}) AS ok FROM (SELECT $1::text AS test_session_id) AS e
     WHERE EXISTS (SELECT 1 FROM test_sessions s WHERE s.session_id = $1 AND NOT s._deleted)`,
    params.values,
  );
  return rows[0]?.ok === true;
}
