import type { Principal } from '../../auth/principal';
import type { Sql } from '../../db/sql';

/*
 * The principals whose scope changes the worker computes: every one that
 * has pulled or opened a live stream. A principal is registered before its
 * first read, so a change committed after that read's snapshot is either in
 * the read or reaches the worker with the principal known.
 */

/** A role and an id: a demoted user is a new principal (its streams end, and its next pull registers it). */
export const principalKey = (p: Principal) => `${p.role}:${p.id}`;

/** A process re-registers a principal at most this often: `seen_at` lets an operator prune stale ones. */
const REFRESH_MS = 60 * 60 * 1000;

const registered = new WeakMap<Sql, Map<string, number>>();

export async function registerPrincipal(sql: Sql, principal: Principal, nowMs = Date.now()): Promise<void> {
  let known = registered.get(sql);
  if (!known) registered.set(sql, (known = new Map()));
  const key = principalKey(principal);
  const seen = known.get(key);
  if (seen !== undefined && nowMs - seen < REFRESH_MS) return;
  await sql.query(
    `INSERT INTO scope_principal (key, role, id, email, assessment_ids) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (key) DO UPDATE SET email = EXCLUDED.email, assessment_ids = EXCLUDED.assessment_ids, seen_at = now()`,
    [key, principal.role, principal.id, principal.email, JSON.stringify(principal.assessmentIds ?? [])],
  );
  known.set(key, nowMs);
}
