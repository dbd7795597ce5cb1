import { randomUUID } from 'node:crypto';
import type { RxStorage } from 'rxdb';
import type { CollectionName } from '../../src-shared/storage/layout';
import { openDatabase, type AppDatabase } from '../../src-renderer/db/database';
import { memoryStorage } from '../../src-renderer/db/storage';
import { ServerSession, startSync, type SyncClient, type TokenSource } from '../../src-renderer/sync';
import { PASSWORD, type TestUser } from './harness';

/*
 * A device in server tests: the product's RxDB database and sync client
 * (replicateRxCollection and the live stream) against a listening server.
 * RxDB allows 14 open collections per JavaScript realm, so each test closes
 * its devices: run `closeDevices` after each.
 */

export interface Device {
  db: AppDatabase;
  sync: SyncClient;
  session: TokenSource;
}

const open: (() => Promise<void>)[] = [];

export const FAST_BACKOFF = { baseMs: 20, maxMs: 200 };

export async function device(
  user: TestUser,
  collections: CollectionName[],
  baseUrl: string,
  session?: TokenSource,
  storage: RxStorage<unknown, unknown> = memoryStorage(),
): Promise<Device> {
  const db = await openDatabase({ name: `device-${randomUUID()}`, storage, collections });
  const tokens = session ?? (await ServerSession.login(baseUrl, user.email, PASSWORD));
  const sync = await startSync({
    db,
    baseUrl,
    session: tokens,
    role: user.role,
    backoff: FAST_BACKOFF,
    retryTimeMs: 50,
  });
  open.push(async () => {
    await sync.stop();
    await db.close();
  });
  return { db, sync, session: tokens };
}

/** Closes what the test opened, last first; `also` are the test's own closers. */
export async function closeDevices(also: (() => Promise<void>)[] = []): Promise<void> {
  const all = [...open.splice(0), ...also.splice(0)];
  for (const close of all.reverse()) await close();
}
