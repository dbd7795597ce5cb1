import type { FastifyInstance } from 'fastify';
import { loadMigrations, type Migration } from '../db/migrate';
import type { Sql } from '../db/sql';

/*
 * Probes for a process supervisor or load balancer (docs/deploy.md):
 *
 *   GET /health   liveness: the process answers HTTP. It never touches the database, so a database outage
 *                 does not get every server process restarted at once.
 *   GET /ready    readiness: this process takes traffic. 200 only while the lifecycle is `ready`, the
 *                 database answers, and every migration this build ships is applied (another process of a
 *                 newer build may have applied more). 503 while starting, once shutdown has begun
 *                 (main.ts), and while the database does not answer.
 *
 * Both are open (no token) and not rate-limited: probes come often from one address, and a limited probe
 * would take a healthy process out of rotation. /ready costs one primary-key scan of schema_migrations
 * (a handful of rows).
 */

export type ServerPhase = 'starting' | 'ready' | 'stopping';

/** Where the process is in its life, as readiness reports it. main.ts moves it; a bare buildApp is ready. */
export class ServerLifecycle {
  private current: ServerPhase;

  constructor(phase: ServerPhase = 'ready') {
    this.current = phase;
  }

  get phase(): ServerPhase {
    return this.current;
  }

  /** Listening and able to serve; ignored once stopping. */
  markReady(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  /** Shutdown has begun: readiness answers 503 from now on, and responses close their connections. */
  markStopping(): void {
    this.current = 'stopping';
  }
}

export type Readiness =
  | { status: 'ready' }
  | { status: 'starting' | 'stopping' }
  | { status: 'database_unavailable' }
  | { status: 'migrations_pending'; missing: number[] };

export interface HealthDeps {
  sql: Sql;
  lifecycle: ServerLifecycle;
  /** The migrations this build ships (db/migrate.ts); read from disk when absent. */
  migrations?: readonly Migration[];
}

export async function readiness(sql: Sql, lifecycle: ServerLifecycle, expected: readonly number[]): Promise<Readiness> {
  if (lifecycle.phase !== 'ready') return { status: lifecycle.phase };
  let applied: Set<number>;
  try {
    const rows = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
    applied = new Set(rows.map((r) => Number(r.version)));
  } catch {
    return { status: 'database_unavailable' };
  }
  // Asked again after the query: shutdown may have begun meanwhile.
  if (lifecycle.phase !== 'ready') return { status: lifecycle.phase };
  const missing = expected.filter((v) => !applied.has(v));
  return missing.length ? { status: 'migrations_pending', missing } : { status: 'ready' };
}

export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  const { sql, lifecycle } = deps;
  const expected = (deps.migrations ?? loadMigrations()).map((m) => m.version);

  app.get('/health', async () => ({ status: 'ok', driver: sql.driver }));

  app.get('/ready', async (_request, reply) => {
    const state = await readiness(sql, lifecycle, expected);
    void reply.header('cache-control', 'no-store');
    return reply.code(state.status === 'ready' ? 200 : 503).send({ ...state, driver: sql.driver });
  });

  // Node's server.close() closes only the keep-alive connections idle at that moment; one whose response
  // ends later stays open for Fastify's 72 s keep-alive timeout. Measured here: a push in flight at
  // SIGTERM got its 200, then its connection held the process until the 10 s grace ran out (exit 1 after
  // 10,085 ms); with `connection: close` the process exited 0 after 211 ms. The client then sends its
  // next request on a new connection, to another process behind a proxy.
  app.addHook('onSend', async (_request, reply) => {
    if (lifecycle.phase === 'stopping') void reply.header('connection', 'close');
  });
}
