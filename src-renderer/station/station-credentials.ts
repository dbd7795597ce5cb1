import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import type { AssistTenBridge } from '@shared/ipc/bridge';
import { StationInfo } from '@shared/sync/station-wire';
import type { StationCredentials } from './station-session';

/*
 * Where an exam station keeps its credentials between restarts, so that it
 * reopens as a station, offline, without a proctor's password: the refresh
 * token, the certificate and what the station is. As for people's refresh
 * tokens (auth/refresh-token-store.ts): the OS keychain through the main
 * process in Electron (key 'exam_station'); in the browser build, IndexedDB
 * (weaker than a keychain: readable by anyone with the profile folder).
 * Not localStorage: Chromium commits it to disk seconds late, so a station
 * killed soon after signing in or rotating its token came back signed out, or
 * holding a refresh token the server had already rotated (which revokes the
 * family). An IndexedDB transaction is on disk once it completes.
 */

const Stored = z.object({
  serverUrl: z.string(),
  refreshToken: z.string().min(20).max(200),
  certificate: z.string().min(20).max(8192),
  station: StationInfo,
});

export interface StationCredentialStore {
  load(): Promise<StationCredentials | undefined>;
  save(value: StationCredentials): Promise<void>;
  clear(): Promise<void>;
}

function parse(raw: string | null | undefined): StationCredentials | undefined {
  if (!raw) return undefined;
  try {
    const parsed = Stored.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function secureStoreStation(bridge: AssistTenBridge): StationCredentialStore {
  return {
    async load() {
      return parse((await bridge.invoke('secure-store:get', { key: 'exam_station' })).value);
    },
    async save(value) {
      await bridge.invoke('secure-store:set', { key: 'exam_station', value: JSON.stringify(value) });
    },
    async clear() {
      await bridge.invoke('secure-store:delete', { key: 'exam_station' });
    },
  };
}

export const BROWSER_STATION_KEY = 'assist-ten:exam-station';

interface KeptRow {
  key: string;
  value: string;
}

class StationKeepDatabase extends Dexie {
  kept!: EntityTable<KeptRow, 'key'>;
  constructor() {
    // 'strict': the write is flushed before the transaction reports success.
    super('assist-ten-station', { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ kept: 'key' });
  }
}

/** The browser build's store. */
export function browserStorageStation(): StationCredentialStore {
  let database: StationKeepDatabase | undefined;
  const db = () => (database ??= new StationKeepDatabase());
  return {
    load: async () => parse((await db().kept.get(BROWSER_STATION_KEY))?.value),
    save: async (value) => {
      await db().kept.put({ key: BROWSER_STATION_KEY, value: JSON.stringify(value) });
    },
    clear: async () => {
      await db().kept.delete(BROWSER_STATION_KEY);
    },
  };
}
