import type { FastifyBaseLogger } from 'fastify';
import type { Sql } from '../db/sql';
import { createAccount, findUserByEmail } from './accounts';

/**
 * On start: creates the super admin named by ASSIST_TEN_ADMIN_EMAIL and
 * ASSIST_TEN_ADMIN_PASSWORD if that account does not exist yet. An existing
 * account is left alone (the variables are not a password-reset channel).
 */
export async function ensureBootstrapAdmin(
  sql: Sql,
  admin: { email: string; password: string } | undefined,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
  now = new Date(),
): Promise<void> {
  if (!admin) {
    const rows = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE role = 'super_admin' AND NOT _deleted`,
    );
    if (!rows[0]?.n) {
      log.warn(
        'No super admin exists: set ASSIST_TEN_ADMIN_EMAIL and ASSIST_TEN_ADMIN_PASSWORD, or run `npx tsx src-server/cli.ts create-admin --email <email> --password-stdin`',
      );
    }
    return;
  }
  if (await findUserByEmail(sql, admin.email)) return;
  await createAccount(
    sql,
    { email: admin.email, password: admin.password, fullName: 'Administrator', role: 'super_admin' },
    now,
  );
  log.info({ email: admin.email }, 'created the super admin account');
}
