import type { PrincipalRole } from '@shared/permissions/principal';
import type { AppDatabase } from '../db/database';
import type { NetworkMonitor } from './network';
import type { SyncClient, SyncOptions, SyncStatus } from './sync-client';
import type { TokenSource } from './transport';

/*
 * When a window replicates, and with what. Sync runs only while both hold:
 * - a link: a session with the server for one user (set by sign-in, cleared
 *   by sign-out);
 * - a target: that same user's database, open with the collections the
 *   role's window needs (set by DatabaseGate once it is open, cleared
 *   before the database closes or switches).
 * Changes are applied one at a time, so a quick sign-in/sign-out never
 * leaves a client running against a closed database: `detach` resolves only
 * once the client is stopped. Starting never blocks the UI: the initial pull
 * runs in the background and the status bar reports its progress.
 */

export interface SyncLink {
  baseUrl: string;
  userId: string;
  session: TokenSource;
}

export interface SyncTarget {
  db: AppDatabase;
  userId: string;
  /** The user's role, or `station` for an exam station. */
  role: PrincipalRole;
}

export type SyncClientLike = Pick<SyncClient, 'subscribe' | 'setNetworkAvailable' | 'stop'>;
export type StartSync = (
  options: Pick<SyncOptions, 'db' | 'baseUrl' | 'session' | 'role' | 'networkAvailable'>,
) => Promise<SyncClientLike>;

export interface SyncControllerDeps {
  start: StartSync;
  network: NetworkMonitor;
  /** The status to show while a client runs; null when nothing replicates. */
  report: (status: SyncStatus | null) => void;
  /** Failures with nowhere else to go (a client that fails to stop); console.error by default. */
  onError?: (error: unknown) => void;
}

/** What is shown between an online sign-in and the client's first report. */
const STARTING: SyncStatus = { online: false, syncing: true, pendingPush: 0, lastSyncedAt: null, error: null };

/** The same database for the same user and role (React may attach one twice). */
function sameTarget(a: SyncTarget, b: SyncTarget): boolean {
  return a.db === b.db && a.userId === b.userId && a.role === b.role;
}

interface Running {
  link: SyncLink;
  target: SyncTarget;
  client: SyncClientLike;
  unsubscribe: () => void;
}

export class SyncController {
  private link: SyncLink | null = null;
  private target: SyncTarget | null = null;
  private running: Running | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly unwatchNetwork: () => void;
  /** Whether the last report was a status (so that stopping reports null once). */
  private reporting = false;

  constructor(private readonly deps: SyncControllerDeps) {
    this.unwatchNetwork = deps.network.subscribe((online) => this.running?.client.setNetworkAvailable(online));
  }

  /** The user's session with the server (after sign-in, online or resumed). */
  connect(link: SyncLink): Promise<void> {
    this.link = link;
    return this.reconcile();
  }

  /** Ends replication for good (sign-out). */
  disconnect(): Promise<void> {
    this.link = null;
    return this.reconcile();
  }

  /** The signed-in user's database is open. */
  attach(target: SyncTarget): Promise<void> {
    this.target = target;
    return this.reconcile();
  }

  /** `db` is about to close: resolves once nothing replicates into it. */
  detach(db: AppDatabase): Promise<void> {
    if (this.target?.db === db) this.target = null;
    return this.reconcile();
  }

  get linkedUserId(): string | undefined {
    return this.link?.userId;
  }

  async dispose(): Promise<void> {
    this.unwatchNetwork();
    this.link = null;
    this.target = null;
    await this.reconcile();
  }

  private reconcile(): Promise<void> {
    const next = this.queue.then(() => this.apply());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(): Promise<void> {
    const { link, target } = this;
    const wanted = link && target && link.userId === target.userId ? { link, target } : null;
    const current = this.running;
    if (current && wanted && current.link === wanted.link && sameTarget(current.target, wanted.target)) return;
    if (current) {
      this.running = null;
      current.unsubscribe();
      // Whatever happens, the database must still be free to close and the next client to start.
      await current.client.stop().catch((error: unknown) => (this.deps.onError ?? console.error)(error));
    }
    if (!wanted) {
      // Signed in with a server session, its database still opening: sync is about to start, and the
      // status bar says so rather than "not syncing" for the half second until the client reports.
      this.report(link && !target ? { ...STARTING, online: this.deps.network.online } : null);
      return;
    }
    const { network } = this.deps;
    let client: SyncClientLike;
    try {
      client = await this.deps.start({
        db: wanted.target.db,
        baseUrl: wanted.link.baseUrl,
        session: wanted.link.session,
        role: wanted.target.role,
        networkAvailable: network.online,
      });
    } catch (error) {
      this.report({
        online: false,
        syncing: false,
        pendingPush: 0,
        lastSyncedAt: null,
        error: `Sync could not start: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    // The network may have changed while the client started.
    client.setNetworkAvailable(network.online);
    const unsubscribe = client.subscribe((status) => this.report(status));
    this.running = { ...wanted, client, unsubscribe };
  }

  private report(status: SyncStatus | null): void {
    if (status === null && !this.reporting) return;
    this.reporting = status !== null;
    this.deps.report(status);
  }
}
