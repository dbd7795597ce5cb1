import { advanceStreak, utcDateOf } from '../../src-shared/domain/streaks';
import { entities, type Doc } from '../../src-shared/domain/registry';
import type { UserRole } from '../../src-shared/domain/enums';
import { normaliseEmail } from '../../src-shared/domain/ids';
import { expectedId } from '../../src-shared/storage/stored-doc';
import { readRows, rowToStored, selectFrom, writeRow } from '../db/rows';
import type { Queryable, Sql } from '../db/sql';
import { fieldErrorsOf } from '../../src-shared/domain/field-errors';
import { HttpError, summarise } from '../http/errors';
import { takeSyncWriteLock } from '../sync/write-lock';
import { hashPassword, passwordProblem } from './passwords';

export type UserDoc = Doc<'user'>;

export interface UserRecord {
  doc: UserDoc;
  deleted: boolean;
}

export async function findUserByEmail(q: Queryable, email: string): Promise<UserRecord | undefined> {
  const rows = await q.query(`${selectFrom('user')} WHERE lower(r.email) = lower($1)`, [normaliseEmail(email)]);
  const row = rows[0] && rowToStored('user', rows[0]);
  return row ? { doc: row.doc as UserDoc, deleted: row.deleted } : undefined;
}

export async function findUserById(q: Queryable, id: string, lock = false): Promise<UserRecord | undefined> {
  const row = (await readRows(q, 'user', [id], lock)).get(id);
  return row ? { doc: row.doc as UserDoc, deleted: row.deleted } : undefined;
}

export interface NewAccount {
  email: string;
  password: string;
  fullName: string;
  role: UserRole;
}

/** Creates an account with a password; refuses an email already in use. */
export async function createAccount(sql: Sql, account: NewAccount, now: Date): Promise<UserDoc> {
  const problem = passwordProblem(account.password);
  if (problem)
    throw new HttpError(400, `password ${problem}`, [{ field: 'password', rule: 'too_small', message: problem }]);
  const email = normaliseEmail(account.email);
  const timestamp = now.toISOString();
  const doc: Record<string, unknown> = {
    // The entity's own defaults (active, streaks at zero); an account the server creates with a
    // password was set up by an operator, so it is verified.
    ...entities.user.defaults,
    is_verified: true,
    id: expectedId('user', { email }),
    email,
    full_name: account.fullName,
    role: account.role,
    password_hash: await hashPassword(account.password),
    created_at: timestamp,
    updated_at: timestamp,
  };
  const parsed = entities.user.document.safeParse(doc);
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error.issues);
    throw new HttpError(400, `Invalid account: ${summarise(errors)}`, errors);
  }
  return sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    if (await findUserByEmail(tx, email)) {
      throw new HttpError(409, `An account with email ${email} already exists`, [
        { field: 'email', rule: 'unique', message: 'is already registered' },
      ]);
    }
    await writeRow(tx, 'user', parsed.data);
    return parsed.data;
  });
}

/** Counts a successful login: the daily streak (UTC days) and the login time. */
export async function recordLogin(tx: Queryable, userId: string, now: Date): Promise<UserDoc> {
  const user = await findUserById(tx, userId, true);
  if (!user) throw new HttpError(401, 'Invalid email or password');
  const streak = advanceStreak(
    { current: user.doc.login_streak, max: user.doc.max_login_streak, lastDate: user.doc.last_login_date },
    utcDateOf(now),
  );
  // updated_at is left alone: it records edits to the account, which clients
  // compare when they push, and a login is not one.
  const doc: UserDoc = {
    ...user.doc,
    login_streak: streak.current,
    max_login_streak: streak.max,
    last_login_date: streak.lastDate,
    last_login_at: now.toISOString(),
  };
  await writeRow(tx, 'user', doc, user.deleted);
  return doc;
}

/**
 * Counts a completed quiz towards the user's quiz streak, on the UTC day the
 * candidate finished it (not the day an offline station synced it); a quiz
 * that syncs after a later one does not break the streak.
 */
export async function recordQuiz(tx: Queryable, userId: string, completedAt: string): Promise<void> {
  const user = await findUserById(tx, userId, true);
  if (!user || user.deleted) return;
  const streak = advanceStreak(
    { current: user.doc.quiz_streak, max: user.doc.max_quiz_streak, lastDate: user.doc.last_quiz_date },
    utcDateOf(new Date(completedAt)),
  );
  if (streak.current === user.doc.quiz_streak && streak.lastDate === user.doc.last_quiz_date) return;
  await writeRow(
    tx,
    'user',
    { ...user.doc, quiz_streak: streak.current, max_quiz_streak: streak.max, last_quiz_date: streak.lastDate },
    user.deleted,
  );
}
