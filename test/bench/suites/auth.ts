import { randomBytes } from 'node:crypto';
import { entities } from '../../../src-shared/domain/registry';
import { expectedId } from '../../../src-shared/storage/stored-doc';
import { signAccessToken, verifyAccessToken } from '../../../src-server/auth/access-tokens';
import { findUserById } from '../../../src-server/auth/accounts';
import { authenticateHeader } from '../../../src-server/auth/guard';
import { issueRefreshToken } from '../../../src-server/auth/refresh-tokens';
import { openSql } from '../../../src-server/db/open';
import { writeRows } from '../../../src-server/db/rows';
import type { Sql } from '../../../src-server/db/sql';
import { takeSyncWriteLock } from '../../../src-server/sync/write-lock';
import { median } from '../stats';
import type { Measurement, Suite } from '../types';

/*
 * - auth.request_check_ms (ms): what authenticating one request costs the
 *   server (src-server/auth/guard.ts): verifying the access token's signature
 *   and the one query that checks the account (active, same role) and the
 *   sign-in (its refresh-token family still has a live token). `baseline`:
 *   the check it replaced, the same signature check and the account lookup
 *   alone (`findUserById`), which let a signed-out session's token through
 *   until it expired. Median over 1,500 checks per side after 300 warm-up
 *   checks, sides alternating which goes first, on in-memory PGlite (the
 *   default driver) with 2,000 accounts, each signed in once and refreshed
 *   once (4,000 refresh tokens), checking random accounts. `p95` is the
 *   subject's.
 */

const ACCOUNTS = 2_000;
const WARMUPS = 300;
const SAMPLES = 1_500;
const ROLES = ['candidate', 'recruiter', 'proctor', 'admin'] as const;

interface Signed {
  id: string;
  header: string;
}

async function seed(sql: Sql, secret: Uint8Array, nowMs: number): Promise<Signed[]> {
  const at = new Date(nowMs).toISOString();
  const users = Array.from({ length: ACCOUNTS }, (_, i) => {
    const email = `bench-user-${i}@example.org`;
    return {
      id: expectedId('user', { email } as never)!,
      email,
      full_name: `Bench user ${i}`,
      role: ROLES[i % ROLES.length]!,
      password_hash: '$argon2id$not-a-real-hash',
      ...entities.user.defaults,
      is_verified: true,
      created_at: at,
      updated_at: at,
    };
  });
  const signed: Signed[] = [];
  await sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    await writeRows(
      tx,
      'user',
      users.map((doc) => ({ doc, deleted: false })),
    );
    for (const user of users) {
      // A sign-in and one refresh: a revoked token and the live one in the family, as after a rotation.
      const first = await issueRefreshToken(tx, user.id, undefined, new Date(nowMs), 30);
      await tx.query('UPDATE refresh_tokens SET is_revoked = true WHERE id = $1', [first.id]);
      await issueRefreshToken(tx, user.id, first.familyId, new Date(nowMs), 30);
      const access = await signAccessToken(secret, user.id, user.role, 900, nowMs, { sid: first.familyId });
      signed.push({ id: user.id, header: `Bearer ${access.token}` });
    }
  });
  return signed;
}

/** The guard before sign-ins were checked: signature, then the account by id. */
async function userOnlyCheck(sql: Sql, secret: Uint8Array, header: string, nowMs: number): Promise<void> {
  const claims = await verifyAccessToken(secret, header.slice('Bearer '.length), nowMs);
  if (!claims) throw new Error('the bench token did not verify');
  const user = await findUserById(sql, claims.sub);
  if (!user || user.deleted || !user.doc.is_active) throw new Error('the bench account is not active');
}

async function requestCheck(): Promise<Measurement> {
  const sql = await openSql({});
  try {
    const secret = randomBytes(32);
    const nowMs = Date.now();
    const accounts = await seed(sql, secret, nowMs);
    await sql.exec('ANALYZE');
    const subject: number[] = [];
    const baseline: number[] = [];
    const timeOne = async (work: () => Promise<unknown>) => {
      const start = performance.now();
      await work();
      return performance.now() - start;
    };
    for (let i = 0; i < WARMUPS + SAMPLES; i++) {
      const account = accounts[Math.floor(Math.random() * accounts.length)]!;
      const guard = () => authenticateHeader(sql, secret, account.header, nowMs);
      const old = () => userOnlyCheck(sql, secret, account.header, nowMs);
      let s: number;
      let b: number;
      if (i % 2 === 0) {
        s = await timeOne(guard);
        b = await timeOne(old);
      } else {
        b = await timeOne(old);
        s = await timeOne(guard);
      }
      if (i < WARMUPS) continue;
      subject.push(s);
      baseline.push(b);
    }
    const sorted = [...subject].sort((a, b) => a - b);
    console.error(
      `[bench] auth: guard median ${median(subject).toFixed(3)} ms, user-only lookup ${median(baseline).toFixed(3)} ms`,
    );
    return {
      value: median(subject),
      unit: 'ms',
      baseline: median(baseline),
      p95: sorted[Math.floor(sorted.length * 0.95)]!,
    };
  } finally {
    await sql.close();
  }
}

const suite: Suite = { benchmarks: { 'auth.request_check_ms': requestCheck } };
export default suite;
