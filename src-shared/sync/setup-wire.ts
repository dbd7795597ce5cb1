import { z } from 'zod';

/*
 * GET /setup/status: whether the server has any account yet, so that the
 * sign-in screen can tell a newcomer that the server they reach is empty and
 * what to run. Unauthenticated, so it says exactly that and nothing more: no
 * counts, no emails, no roles.
 */

export const SETUP_STATUS_PATH = '/setup/status';

export const SetupStatus = z.strictObject({ has_accounts: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatus>;

/*
 * The commands that give an empty server its first accounts, as the READMEs
 * give them (README.md "Sync server and sign-in", src-server/README.md), in one
 * place: the sign-in screen shows them and the server's start-up warning names
 * them. PGlite opens its data directory from one process only, hence the stop.
 */
export const setupCommands = {
  seed: 'echo "$DEMO_PASSWORD" | npm run seed -- --password-stdin',
  createAdmin: 'echo "$PASSWORD" | npx tsx src-server/cli.ts create-admin --email admin@example.org --password-stdin',
} as const;

export const SETUP_STOP_FIRST =
  'Stop the server first (PGlite opens its database from one process only), then start it again.';
