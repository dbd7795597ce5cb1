import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SETUP_STATUS_PATH, SetupStatus } from '../../src-shared/sync/setup-wire';
import { quoteIdent } from '../db/ddl';
import type { Sql } from '../db/sql';
import { tableNames } from '../db/table-spec';

/*
 * GET /setup/status → { has_accounts }: lets the sign-in screen say that this
 * server is empty and which command fills it (src-shared/sync/setup-wire.ts).
 * Unauthenticated by necessity (nobody can sign in yet), so it answers one
 * boolean: an EXISTS, never a count, and the zod response schema drops
 * anything else. Rate-limited like the other open routes; the sign-in screen
 * asks once on open and every few seconds while the answer is "no accounts".
 */

const REQUESTS_PER_IP_PER_MINUTE = 120;

export async function setupStatusRoutes(app: FastifyInstance, { sql }: { sql: Sql }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    SETUP_STATUS_PATH,
    {
      schema: { response: { 200: SetupStatus } },
      config: { rateLimit: { max: REQUESTS_PER_IP_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (_request, reply) => {
      const rows = await sql.query<{ has_accounts: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(tableNames.user)} WHERE NOT _deleted) AS has_accounts`,
      );
      // Changes the moment someone seeds the server: never served from a cache.
      void reply.header('cache-control', 'no-store');
      return { has_accounts: rows[0]?.has_accounts === true };
    },
  );
}
