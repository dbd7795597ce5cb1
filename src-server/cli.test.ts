import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src-shared/seed/build-seed';
import { kinds } from '../src-shared/domain/registry';
import { startServer, type TestServer } from '../test/server/harness';
import { findUserByEmail } from './auth/accounts';
import { verifyPassword } from './auth/passwords';
import { tableNames } from './db/table-spec';
import { CliError, formatSeedReport, seedDatabase } from './cli';

/* `npm run seed`: the demo data in the server's own tables, signed in through the server's own login. */

const PASSWORD = 'a demo pass phrase';
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('seed', () => {
  it('refuses a password the server would refuse, before writing anything', async () => {
    await expect(seedDatabase(server.sql, { password: 'short' })).rejects.toThrow(CliError);
    const rows = await server.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(rows[0]!.n).toBe(0);
  });

  it('fills every table the seed has rows for, with a working argon2id hash per demo account', async () => {
    const report = await seedDatabase(server.sql, { password: PASSWORD });
    const seed = buildSeed();
    const expected = kinds.map((kind) => ({ table: tableNames[kind], rows: seed.docs[kind]?.length ?? 0 }));
    expect(report.tables).toEqual(expected);
    // Server-only kinds are seeded too.
    expect(report.tables.find((t) => t.table === tableNames.extraction_log)!.rows).toBeGreaterThan(0);
    expect(report.accounts.map((a) => a.role)[0]).toBe('candidate');

    const recruiter = (await findUserByEmail(server.sql, 'recruiter@demo.assist-ten.test'))!;
    expect(recruiter.doc.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(recruiter.doc.password_hash, PASSWORD)).toBe(true);
    const admin = (await findUserByEmail(server.sql, 'admin@demo.assist-ten.test'))!;
    expect(admin.doc.password_hash).not.toBe(recruiter.doc.password_hash);

    const login = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'interviewer@demo.assist-ten.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ user: { role: 'interviewer' } });

    const summary = formatSeedReport(report);
    expect(summary).toContain('recruiter@demo.assist-ten.test');
    expect(summary).not.toContain(PASSWORD);
  });

  it('refuses a database that already holds rows, unless forced', async () => {
    await expect(seedDatabase(server.sql, { password: PASSWORD })).rejects.toThrow(/--force/);
    const again = await seedDatabase(server.sql, { password: PASSWORD, force: true });
    // Same ids: the demo rows are replaced, not duplicated.
    expect(again.tables.find((t) => t.table === 'users')!.rows).toBe(buildSeed().accounts.length);
  });
});
