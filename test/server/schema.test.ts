import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kinds } from '../../src-shared/domain/registry';
import { snapshotPath, nextMigrationSql, readSnapshot } from '../../src-server/db/generate-migration';
import { loadMigrations, migrate, migrationsDir } from '../../src-server/db/migrate';
import { migrationSql, MigrationNeedsHandWritingError } from '../../src-server/db/migration-diff';
import { openSql } from '../../src-server/db/open';
import { currentSchemaModel, type SchemaModel } from '../../src-server/db/schema-model';
import type { Sql } from '../../src-server/db/sql';
import { tableNames } from '../../src-server/db/table-spec';
import { writeRow } from '../../src-server/db/rows';
import { randomUUID } from 'node:crypto';

let sql: Sql;
const schema = `test_schema_${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  sql = await openSql({ databaseUrl: process.env.DATABASE_URL, schema });
});

afterAll(async () => {
  if (sql.driver === 'pg') await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
  await sql.close();
});

describe('the migrations', () => {
  it('match the entities: an entity change needs `npx tsx src-server/db/generate-migration.ts <name>`', () => {
    expect(readSnapshot()).toEqual(currentSchemaModel());
  });

  it('include migration 001 exactly as generated from the snapshot', () => {
    const file = readFileSync(`${migrationsDir}/001_initial_schema.sql`, 'utf8');
    expect(file.endsWith(nextMigrationSql({ tables: [] }, readSnapshot()))).toBe(true);
    expect(snapshotPath.startsWith(migrationsDir)).toBe(true);
  });

  it('are recorded once, and a second start applies nothing', async () => {
    const report = await migrate(sql);
    expect(report.applied).toEqual([]);
    const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
  });

  it('refuse to start when an applied migration was edited', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(sql, edited)).rejects.toThrow(/changed after it was applied/);
  });
});

describe('the generated tables', () => {
  it('exist for all 24 kinds, typed and NOT NULL as the entity schemas say', async () => {
    const columns = await sql.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>(
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1`,
      [sql.schema],
    );
    expect(kinds).toHaveLength(24);
    for (const table of currentSchemaModel().tables) {
      const actual = columns.filter((c) => c.table_name === table.name);
      for (const column of table.columns) {
        const found = actual.find((c) => c.column_name === column.name);
        expect(found, `${table.name}.${column.name}`).toBeDefined();
        expect(found!.data_type).toBe(column.type);
        expect(found!.is_nullable).toBe(column.notNull ? 'NO' : 'YES');
      }
      const bookkeeping = actual
        .filter((c) => c.column_name.startsWith('_'))
        .map((c) => c.column_name)
        .sort();
      expect(bookkeeping).toEqual(['_deleted', '_modified_at', '_server_seq']);
    }
    const users = columns.filter((c) => c.table_name === 'users');
    expect(users.find((c) => c.column_name === 'login_streak')!.data_type).toBe('integer');
    expect(users.find((c) => c.column_name === 'created_at')!.data_type).toBe('text');
    expect(columns.find((c) => c.table_name === 'test_sessions' && c.column_name === 'question_ids')!.data_type).toBe(
      'jsonb',
    );
    expect(
      columns.find((c) => c.table_name === 'test_sessions' && c.column_name === 'score_percentage')!.data_type,
    ).toBe('double precision');
  });

  it('carry the reference indexes', async () => {
    const rows = await sql.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1`, [
      sql.schema,
    ]);
    const defs = rows.map((r) => r.indexdef.replace(/ USING btree/, '').replace(/^.* ON [^.]+\./, ''));
    for (const expected of [
      'users (lower(email))',
      'candidates (email)',
      'assessments (is_published)',
      'job_requisitions (status)',
      'test_sessions (created_at)',
      'interview_sessions (scheduled_at)',
      'test_sessions (user_id, created_at)',
      'proctoring_events (test_session_id, severity)',
      'notifications (user_id, is_read)',
      'answers (session_id, question_id)',
    ]) {
      expect(defs, expected).toContain(expected);
    }
    for (const table of Object.values(tableNames)) expect(defs).toContain(`${table} (_server_seq)`);
  });

  it('refuse a second account whose email differs only in case, and unknown enum values', async () => {
    const user = (email: string) => ({
      id: randomUUID(),
      email,
      full_name: 'X',
      role: 'candidate',
      is_active: true,
      is_verified: false,
      login_streak: 0,
      max_login_streak: 0,
      quiz_streak: 0,
      max_quiz_streak: 0,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    await writeRow(sql, 'user', user('Case@Example.org'));
    await expect(writeRow(sql, 'user', user('case@example.ORG'))).rejects.toMatchObject({ code: '23505' });
    await expect(writeRow(sql, 'user', { ...user('other@example.org'), role: 'overlord' })).rejects.toMatchObject({
      code: '23514',
    });
  });

  it('number every write from one commit-ordered sequence', async () => {
    const rows = await sql.query<{ _server_seq: number; id: string }>(
      'SELECT id, _server_seq FROM users ORDER BY _server_seq',
    );
    const before = rows.at(-1)!._server_seq;
    await sql.query(`UPDATE users SET full_name = 'Y' WHERE id = $1`, [rows[0]!.id]);
    const [after] = await sql.query<{ _server_seq: number }>('SELECT _server_seq FROM users WHERE id = $1', [
      rows[0]!.id,
    ]);
    expect(after!._server_seq).toBeGreaterThan(before);
  });
});

describe('the next migration', () => {
  const base = readSnapshot();
  const withChanges = (): SchemaModel => {
    const model = structuredClone(base);
    const candidates = model.tables.find((t) => t.name === 'candidates')!;
    candidates.columns.push({ name: 'time_zone', type: 'text', notNull: true });
    candidates.columns.push({ name: 'nickname', type: 'text', notNull: false });
    const users = model.tables.find((t) => t.name === 'users')!;
    users.columns.find((c) => c.name === 'role')!.enumValues!.push('auditor');
    users.columns.find((c) => c.name === 'is_verified')!.notNull = false;
    candidates.indexes.push({ name: 'candidates_nickname_idx', columns: ['nickname'], unique: false, lower: [] });
    return model;
  };

  it('is generated from the entity diff and applies on top of 001, backfilling existing rows', async () => {
    const candidate = {
      candidate_id: 'c1',
      full_name: 'Ada',
      email: 'ada@example.org',
      skills: [],
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    await writeRow(sql, 'candidate', candidate);
    const text = migrationSql(base, withChanges(), (kind, field) =>
      kind === 'candidate' && field === 'time_zone' ? 'UTC' : undefined,
    );
    expect(text).toContain('ALTER TABLE "candidates" ADD COLUMN "time_zone" text NOT NULL DEFAULT \'UTC\';');
    expect(text).toContain('ALTER TABLE "users" ALTER COLUMN "is_verified" DROP NOT NULL;');
    const migrations = [...loadMigrations(), { version: loadMigrations().length + 1, name: 'test_change', sql: text }];
    const report = await migrate(sql, migrations);
    expect(report.applied.map((m) => m.name)).toEqual(['test_change']);
    const [row] = await sql.query<{ time_zone: string; nickname: string | null }>(
      'SELECT time_zone, nickname FROM candidates WHERE candidate_id = $1',
      ['c1'],
    );
    expect(row).toEqual({ time_zone: 'UTC', nickname: null });
    expect(migrationSql(withChanges(), withChanges())).toBe('');
  });

  it('refuses changes that could lose data, asking for a hand-written migration', () => {
    const dropped = structuredClone(base);
    dropped.tables[0]!.columns.pop();
    expect(() => migrationSql(base, dropped)).toThrow(MigrationNeedsHandWritingError);
    const noDefault = withChanges();
    expect(() => migrationSql(base, noDefault, () => undefined)).toThrow(/no create default/);
  });
});
