import { z } from 'zod';
import type { AssistTenBridge } from '@shared/ipc/bridge';
import { StationInfo } from '@shared/sync/station-wire';
import type { StationCredentials } from './station-session';

/*
 * Where an exam station keeps its credentials between restarts, so that it
 * reopens as a station, offline, without a proctor's password: the refresh
 * token, the certificate and what the station is. As for people's refresh
 * tokens (auth/refresh-token-store.ts): the OS keychain through the main
 * process in Electron (key 'exam_station'), localStorage in the browser build
 * (weaker; see that file).
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

export function browserStorageStation(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
): StationCredentialStore {
  return {
    load: async () => parse(storage.getItem(BROWSER_STATION_KEY)),
    save: async (value) => storage.setItem(BROWSER_STATION_KEY, JSON.stringify(value)),
    clear: async () => storage.removeItem(BROWSER_STATION_KEY),
  };
}
