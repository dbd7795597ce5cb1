import { randomUUID } from 'node:crypto';
import { sha256Hex } from '@shared/domain/ids';
import type { UserRole } from '@shared/domain/enums';
import { entities, type Kind } from '@shared/domain/registry';
import { expectedId } from '@shared/storage/stored-doc';
import type { WireDoc } from '@shared/sync/wire';
import { hashPassword } from '../../../src-server/auth/passwords';
import { quoteIdent } from '../../../src-server/db/ddl';
import { openSql } from '../../../src-server/db/open';
import { tableOf, writeRow } from '../../../src-server/db/rows';
import type { Sql } from '../../../src-server/db/sql';
import { takeSyncWriteLock } from '../../../src-server/sync/write-lock';

/*
 * Set-up that stays outside every timing: writing straight into the
 * server's tables from the bench process (the server's own row code and
 * triggers, so rows get change numbers exactly as pushes give them), which
 * takes seconds where 50,000 documents through the push route would take
 * a minute.
 */

export function openBenchSql(databaseUrl: string): Promise<Sql> {
  return openSql({ databaseUrl });
}

const CHUNK = 5_000;

/** Inserts documents of one kind (wire form) in a few big statements; the triggers stamp change numbers. */
export async function bulkSeed(sql: Sql, kind: Kind, docs: readonly WireDoc[]): Promise<void> {
  const table = tableOf(kind);
  const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  const names = table.columns.map((c) => quoteIdent(c.name)).join(', ');
  const text = `INSERT INTO ${quoteIdent(table.name)} (${names}, _deleted)
    SELECT ${names}, false FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`;
  for (let i = 0; i < docs.length; i += CHUNK) {
    const rows = docs.slice(i, i + CHUNK).map((doc) => {
      const row: Record<string, unknown> = {};
      for (const c of table.columns) if (doc[c.name] !== undefined) row[c.name] = doc[c.name];
      return row;
    });
    await sql.transaction(async (tx) => {
      await takeSyncWriteLock(tx, sql.schema);
      await tx.query(text, [JSON.stringify(rows)]);
    });
  }
}

export interface SeededAccount {
  id: string;
  email: string;
  password: string;
}

/**
 * Accounts of one role that can sign in with `password`. The argon2 hash is
 * computed once and shared (hashing 200 times would only slow the set-up);
 * each account still signs in through the server, which verifies it.
 */
export async function seedAccounts(
  sql: Sql,
  role: UserRole,
  emails: readonly string[],
  password: string,
): Promise<SeededAccount[]> {
  const passwordHash = await hashPassword(password);
  const stamp = new Date().toISOString();
  const accounts = emails.map((email) => ({ id: expectedId('user', { email })!, email, password }));
  await sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    for (const account of accounts) {
      await writeRow(tx, 'user', {
        id: account.id,
        email: account.email,
        full_name: `Kiosk ${account.email.split('@')[0]}`,
        role,
        password_hash: passwordHash,
        ...entities.user.defaults,
        is_verified: true,
        created_at: stamp,
        updated_at: stamp,
      });
    }
  });
  return accounts;
}

/** An assessment the kiosks take: its question set's questions, and an invitation per account. */
export interface SeededExam {
  assessmentId: string;
  questionSetId: string;
  questionIds: string[];
  /** Invitation id by account email. */
  invitations: Map<string, string>;
}

/**
 * What a candidate's session needs on the server since sessions are composed
 * from their assessment and must name an invitation (src-server/sync/write/
 * session-composition.ts): a published assessment with `questions`
 * questions, long enough that no bench answer falls outside its time limit.
 */
export async function seedExam(
  sql: Sql,
  accounts: readonly SeededAccount[],
  questions: number,
  createdBy: string,
): Promise<SeededExam> {
  const stamp = new Date().toISOString();
  const audit = { created_at: stamp, updated_at: stamp };
  const questionSetId = randomUUID();
  const assessmentId = randomUUID();
  const questionIds = Array.from({ length: questions }, () => randomUUID());
  const invitations = new Map<string, string>();
  await sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    await writeRow(tx, 'question_set', {
      question_set_id: questionSetId,
      skill: 'SQL',
      level: 'intermediate',
      total_questions: questions,
      ...audit,
    });
    for (const id of questionIds)
      await writeRow(tx, 'question', {
        id,
        question_text: 'Which clause filters rows?',
        options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `Option ${key}` })),
        correct_answer: 'A',
        question_set_id: questionSetId,
        difficulty: 'medium',
        ...audit,
      });
    await writeRow(tx, 'assessment', {
      assessment_id: assessmentId,
      title: 'Kiosk bench exam',
      required_skills: [],
      required_roles: [],
      question_set_id: questionSetId,
      assessment_method: 'questionnaire',
      duration_minutes: 24 * 60,
      is_questionnaire_enabled: true,
      is_interview_enabled: false,
      is_proctored: true,
      is_active: true,
      is_published: true,
      created_by: createdBy,
      ...audit,
    });
    for (const account of accounts) {
      const tokenHash = sha256Hex(`KIOSK-BENCH-${randomUUID()}`);
      const id = expectedId('assessment_token', { token_hash: tokenHash })!;
      invitations.set(account.email, id);
      await writeRow(tx, 'assessment_token', {
        id,
        token_hash: tokenHash,
        assessment_id: assessmentId,
        candidate_email: account.email,
        expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        is_used: false,
        created_by: createdBy,
        ...audit,
      });
    }
  });
  return { assessmentId, questionSetId, questionIds, invitations };
}

/** Row count of a table for some session ids (answers), to check what reached the server. */
export async function countAnswers(sql: Sql, sessionIds: readonly string[]): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${quoteIdent(tableOf('answer').name)} WHERE session_id = ANY($1::text[])`,
    [sessionIds],
  );
  return rows[0]!.n;
}

/** Enables pg_stat_statements in the bench database (the cluster must preload it) and clears it. */
export async function resetStatements(sql: Sql): Promise<void> {
  await sql.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();');
}

/** The statements PostgreSQL spent most time in since the reset, one line each. */
export async function statementReport(sql: Sql, limit = 15): Promise<string> {
  const rows = await sql.query<{ calls: number; total: number; mean: number; query: string }>(
    `SELECT calls::int AS calls, total_exec_time AS total, mean_exec_time AS mean, query
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  return rows
    .map(
      (r) =>
        `${r.total.toFixed(0).padStart(8)} ms total ${String(r.calls).padStart(8)} calls ${r.mean.toFixed(3).padStart(8)} ms mean  ${r.query.replace(/\s+/g, ' ').slice(0, 140)}`,
    )
    .join('\n');
}

/** Empties the answers table (between push runs, so every run writes into the same state). */
export async function truncateAnswers(sql: Sql): Promise<void> {
  await sql.exec(`TRUNCATE ${quoteIdent(tableOf('answer').name)}`);
}
