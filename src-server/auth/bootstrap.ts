import type { FastifyBaseLogger } from 'fastify';
import { SETUP_STOP_FIRST, setupCommands } from '../../src-shared/sync/setup-wire';
import type { Sql } from '../db/sql';
import { createAccount, findUserByEmail } from './accounts';

/** The README's two ways to a first account (src-shared/sync/setup-wire.ts), and the variables. */
export const NO_SUPER_ADMIN_WARNING =
  `No super admin exists. Demo data: \`${setupCommands.seed}\`. ` +
  `Or the first super admin: \`${setupCommands.createAdmin}\`. ${SETUP_STOP_FIRST} ` +
  'Or set ASSIST_TEN_ADMIN_EMAIL and ASSIST_TEN_ADMIN_PASSWORD.';

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
      log.warn(NO_SUPER_ADMIN_WARNING);
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
