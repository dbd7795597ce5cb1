import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../src-shared/domain/ids';
import { entities, type Doc } from '../../src-shared/domain/registry';
import { expectedId } from '../../src-shared/storage/stored-doc';
import { quoteIdent } from '../db/ddl';
import { rowToStored, selectFrom, writeRow } from '../db/rows';
import { tableNames } from '../db/table-spec';
import type { Queryable, Sql } from '../db/sql';
import { takeSyncWriteLock } from '../sync/write-lock';

/*
 * Refresh tokens: random 256-bit strings the client keeps; the server keeps
 * only their SHA-256. Each refresh replaces the token (rotation). Tokens
 * descending from one login form a family; presenting a token that was
 * already rotated means it leaked (or a replay), so the whole family is
 * revoked and the thief and the user both have to sign in again.
 *
 * A family is one sign-in: rotation revokes the presented token as it issues
 * the next, so a live family has exactly one unrevoked token, and logout and
 * reuse detection revoke them all. Access tokens name their family (`sid`),
 * and the guard refuses them once it has no unrevoked, unexpired token.
 *
 * A lost answer is not a theft. When the connection drops after the server
 * rotated (a restart, a network cut, the browser killed mid-request), the
 * client still holds the old token and presents it again. Within
 * REUSE_GRACE_MS of its rotation, and while the token that replaced it was
 * never used, that is taken as a retry: the unused successor is revoked and
 * a new one issued, still one live token per family. The fault soak
 * (test/soak) lost whole stations to this: signed out for good, with their
 * unsent answers stuck on them. A thief replaying a token inside that
 * minute wins only until the real holder's next refresh, which then finds
 * its token revoked and revokes the family (Auth0 and Okta offer the same
 * overlap for the same reason).
 */

/** How long after its rotation a token may be presented again as a retry (see above). */
export const REUSE_GRACE_MS = 60_000;

type RefreshDoc = Doc<'refresh_token'>;

export async function issueRefreshToken(
  tx: Queryable,
  userId: string,
  familyId: string | undefined,
  now: Date,
  ttlDays: number,
): Promise<{ token: string; id: string; familyId: string }> {
  const token = randomBytes(32).toString('base64url');
  const hash = sha256Hex(token);
  const id = expectedId('refresh_token', { token: hash })!;
  const doc: RefreshDoc = entities.refresh_token.document.parse({
    id,
    token: hash,
    user_id: userId,
    family_id: familyId ?? id,
    expires_at: new Date(now.getTime() + ttlDays * 86_400_000).toISOString(),
    is_revoked: false,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  await writeRow(tx, 'refresh_token', doc);
  return { token, id, familyId: doc.family_id };
}

async function findByToken(tx: Queryable, token: string): Promise<RefreshDoc | undefined> {
  const rows = await tx.query(`${selectFrom('refresh_token')} WHERE r.token = $1 FOR UPDATE`, [sha256Hex(token)]);
  return rows[0] ? (rowToStored('refresh_token', rows[0]).doc as RefreshDoc) : undefined;
}

async function revokeFamily(tx: Queryable, familyId: string, now: Date): Promise<void> {
  await tx.query(
    `UPDATE ${quoteIdent(tableNames.refresh_token)} SET is_revoked = true, updated_at = $2 WHERE family_id = $1 AND NOT is_revoked`,
    [familyId, now.toISOString()],
  );
}

/** The unused token that replaced `rotated` moments ago, if presenting `rotated` again is a retry. */
async function retriedSuccessor(tx: Queryable, rotated: RefreshDoc, now: Date): Promise<RefreshDoc | undefined> {
  if (!rotated.replaced_by || now.getTime() - Date.parse(rotated.updated_at) > REUSE_GRACE_MS) return undefined;
  const rows = await tx.query(`${selectFrom('refresh_token')} WHERE r.id = $1 FOR UPDATE`, [rotated.replaced_by]);
  const successor = rows[0] ? (rowToStored('refresh_token', rows[0]).doc as RefreshDoc) : undefined;
  // Revoked means used (rotated on) or signed out: then this is a replay.
  return successor && !successor.is_revoked ? successor : undefined;
}

export type Rotation<T> =
  | { outcome: 'rotated'; userId: string; familyId: string; token: string; admitted: T }
  | { outcome: 'unknown' | 'expired' | 'reused' | 'refused' };

/**
 * `owner` says whose tokens this endpoint rotates (users' or an exam
 * station's, stations.ts): a token presented at the wrong endpoint is
 * refused untouched, rather than rotated into an answer its holder cannot use.
 * `admit` decides, in the same transaction and before anything is written,
 * whether the token's holder may still refresh (an active account; a
 * station's signer still staff), and returns what the caller needs (the
 * account). A refusal (`refused`) changes nothing, so the same token works
 * again once the account is reactivated.
 */
export async function rotateRefreshToken<T>(
  sql: Sql,
  token: string,
  now: Date,
  ttlDays: number,
  owner: (userId: string) => boolean,
  admit: (tx: Queryable, userId: string) => Promise<T | undefined>,
): Promise<Rotation<T>> {
  return sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    const current = await findByToken(tx, token);
    if (!current || !owner(current.user_id)) return { outcome: 'unknown' };
    const successor = current.is_revoked ? await retriedSuccessor(tx, current, now) : undefined;
    if (current.is_revoked && !successor) {
      // Committed even though the request fails: that is the point.
      await revokeFamily(tx, current.family_id, now);
      return { outcome: 'reused' };
    }
    if (Date.parse(current.expires_at) <= now.getTime()) return { outcome: 'expired' };
    const admitted = await admit(tx, current.user_id);
    if (admitted === undefined) return { outcome: 'refused' };
    const next = await issueRefreshToken(tx, current.user_id, current.family_id, now, ttlDays);
    // A retry rotates the unused successor instead, and the presented token, keeping the time of its first
    // rotation (the grace runs from it), now points at the new one: a second lost answer can be retried too.
    const replaced = successor ?? current;
    await writeRow(tx, 'refresh_token', {
      ...replaced,
      is_revoked: true,
      replaced_by: next.id,
      updated_at: now.toISOString(),
    });
    if (successor) await writeRow(tx, 'refresh_token', { ...current, replaced_by: next.id });
    return { outcome: 'rotated', userId: current.user_id, familyId: current.family_id, token: next.token, admitted };
  });
}

/** Logout: revokes the token's whole family (every token of that sign-in). */
export async function revokeRefreshToken(sql: Sql, token: string, now: Date): Promise<void> {
  await sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    const current = await findByToken(tx, token);
    if (current) await revokeFamily(tx, current.family_id, now);
  });
}
