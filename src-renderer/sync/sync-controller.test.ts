import { describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import type { AppDatabase } from '../db/database';
import type { NetworkMonitor } from './network';
import type { SyncStatus } from './sync-client';
import { SyncController, type StartSync, type SyncLink, type SyncTarget } from './sync-controller';
import type { TokenSource } from './transport';

/* The replication lifecycle with a fake client: when it starts, what it is given, when it stops. */

const idle: SyncStatus = { online: false, syncing: false, pendingPush: 0, lastSyncedAt: null, error: null };
const starting: SyncStatus = { ...idle, online: true, syncing: true };

function fakeNetwork(initial = true) {
  let online = initial;
  const listeners = new Set<(online: boolean) => void>();
  return {
    get online() {
      return online;
    },
    subscribe(listener: (online: boolean) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(value: boolean) {
      online = value;
      for (const listener of listeners) listener(value);
    },
  } satisfies NetworkMonitor & { set(online: boolean): void };
}

function harness(options: { online?: boolean; failStart?: boolean; startGate?: Promise<void> } = {}) {
  const log: string[] = [];
  const reports: (SyncStatus | null)[] = [];
  const clients: { status: BehaviorSubject<SyncStatus>; network: boolean[]; stopped: boolean }[] = [];
  const network = fakeNetwork(options.online ?? true);
  const start: StartSync = async ({ db, baseUrl, role, networkAvailable }) => {
    log.push(`start ${(db as unknown as { name: string }).name} ${role} ${baseUrl} network=${networkAvailable}`);
    await options.startGate;
    if (options.failStart) throw new Error('storage closed');
    const client = { status: new BehaviorSubject(idle), network: [] as boolean[], stopped: false };
    clients.push(client);
    return {
      subscribe(listener) {
        const sub = client.status.subscribe(listener);
        return () => sub.unsubscribe();
      },
      setNetworkAvailable(available) {
        client.network.push(available);
      },
      async stop() {
        log.push(`stop ${(db as unknown as { name: string }).name}`);
        client.stopped = true;
      },
    };
  };
  const controller = new SyncController({ start, network, report: (s) => reports.push(s) });
  return { controller, log, reports, clients, network };
}

const session: TokenSource = { accessToken: () => 'token', refresh: async () => true };
const link = (userId = 'usr_ines'): SyncLink => ({ baseUrl: 'http://sync.test', userId, session });
const db = (name: string) => ({ name }) as unknown as AppDatabase;
const target = (name: string, userId = 'usr_ines'): SyncTarget => ({ db: db(name), userId, role: 'interviewer' });

describe('SyncController', () => {
  it('starts only once the user is linked and their database is open, whichever comes first', async () => {
    const a = harness();
    await a.controller.connect(link());
    expect(a.log).toEqual([]);
    await a.controller.attach(target('user-db'));
    expect(a.log).toEqual(['start user-db interviewer http://sync.test network=true']);

    const b = harness();
    await b.controller.attach(target('user-db'));
    expect(b.log).toEqual([]);
    await b.controller.connect(link());
    expect(b.log).toHaveLength(1);
  });

  it('never replicates one user’s session into another user’s database', async () => {
    const { controller, log, reports } = harness();
    await controller.connect(link('usr_ines'));
    await controller.attach(target('kenji-db', 'usr_kenji'));
    expect(log).toEqual([]);
    expect(reports.at(-1)).toBeNull();
  });

  it('says sync is starting between an online sign-in and the first report, never “not syncing”', async () => {
    const { controller, reports } = harness();
    await controller.connect(link());
    expect(reports).toEqual([starting]);
    await controller.attach(target('user-db'));
    expect(reports.at(-1)).toEqual(idle);
  });

  it('reports the client’s status while it runs, and null once it stops', async () => {
    const { controller, reports, clients } = harness();
    await controller.connect(link());
    await controller.attach(target('user-db'));
    clients[0]!.status.next({ ...idle, online: true, pendingPush: 2 });
    expect(reports).toEqual([starting, idle, { ...idle, online: true, pendingPush: 2 }]);
    await controller.disconnect();
    expect(clients[0]!.stopped).toBe(true);
    expect(reports.at(-1)).toBeNull();
    // A stopped client's late emissions are not shown.
    clients[0]!.status.next({ ...idle, pendingPush: 9 });
    expect(reports.at(-1)).toBeNull();
  });

  it('stops before the database closes, even when asked while the client is still starting', async () => {
    let release = () => {};
    const startGate = new Promise<void>((resolve) => (release = resolve));
    const { controller, log } = harness({ startGate });
    await controller.connect(link());
    const first = target('role-db');
    const attached = controller.attach(first);
    await Promise.resolve();
    const detached = controller.detach(first.db);
    release();
    await Promise.all([attached, detached]);
    expect(log).toEqual(['start role-db interviewer http://sync.test network=true', 'stop role-db']);
  });

  it('does not start at all when the database closes before its turn comes', async () => {
    const { controller, log } = harness();
    await controller.connect(link());
    const first = target('role-db');
    void controller.attach(first);
    await controller.detach(first.db);
    expect(log).toEqual([]);
  });

  it('ignores the detaching of a database it does not replicate into', async () => {
    const { controller, log } = harness();
    await controller.connect(link());
    await controller.attach(target('user-db'));
    await controller.detach(db('device-db'));
    expect(log).toEqual(['start user-db interviewer http://sync.test network=true']);
  });

  it('restarts on a database switch', async () => {
    const { controller, log } = harness();
    await controller.connect(link());
    const first = target('db-1');
    await controller.attach(first);
    await controller.detach(first.db);
    await controller.attach(target('db-2'));
    expect(log).toEqual([
      'start db-1 interviewer http://sync.test network=true',
      'stop db-1',
      'start db-2 interviewer http://sync.test network=true',
    ]);
  });

  it('passes the browser’s online and offline events to the running client', async () => {
    const { controller, clients, network, log } = harness({ online: false });
    await controller.connect(link());
    await controller.attach(target('user-db'));
    expect(log[0]).toContain('network=false');
    network.set(true);
    network.set(false);
    expect(clients[0]!.network).toEqual([false, true, false]);
    await controller.dispose();
    network.set(true);
    expect(clients[0]!.network).toEqual([false, true, false]);
  });

  it('shows why sync could not start instead of failing silently', async () => {
    const { controller, reports } = harness({ failStart: true });
    await controller.connect(link());
    await controller.attach(target('user-db'));
    expect(reports.at(-1)?.error).toMatch(/storage closed/);
    await controller.disconnect();
    expect(reports.at(-1)).toBeNull();
  });

  it('lets the database close even when a client fails to stop', async () => {
    const errors: unknown[] = [];
    const controller = new SyncController({
      start: async () => ({
        subscribe: () => () => {},
        setNetworkAvailable: () => {},
        stop: async () => {
          throw new Error('cancel failed');
        },
      }),
      network: fakeNetwork(),
      report: () => {},
      onError: (error) => errors.push(error),
    });
    await controller.connect(link());
    const only = target('user-db');
    await controller.attach(only);
    await expect(controller.detach(only.db)).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
