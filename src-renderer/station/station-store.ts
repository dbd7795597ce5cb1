import { create } from 'zustand';
import { sha256Hex } from '@shared/domain/ids';
import type { StationInfo, StationTokenResponse } from '@shared/sync/station-wire';
import type { SyncController } from '../sync/sync-controller';
import type { FetchLike } from '../sync/transport';
import type { StationCredentialStore } from './station-credentials';
import { StationSession, type StationCredentials } from './station-session';

/*
 * Exam station mode. While a station is active, the window belongs to the
 * station, not to a person: DatabaseGate opens the station's own database
 * with the station's collections (layout.ts `collectionsByRole.station`) and
 * sync replicates its bundle under the station principal.
 *
 * - Setting up needs a proctor or admin online (screens/station/).
 * - A restart resumes as the station, offline, with no password: the
 *   credentials are kept (station-credentials.ts) and sync resumes by
 *   refreshing once the server is reachable.
 * - Leaving needs a proctor (the lockdown's PIN dialog calls
 *   leaveStationMode once the PIN checks out). It refuses while the station
 *   holds changes the server has not accepted, unless forced: the station's
 *   database stays on the device either way, so nothing is lost.
 */

export interface ActiveStation {
  info: StationInfo;
  serverUrl: string;
  /** The station's own database: exams never mix with a person's copy. */
  databaseName: string;
}

interface StationState {
  station: ActiveStation | null;
  /** Whether restoreStation has run (the router waits for it before choosing a home). */
  restored: boolean;
}

export const useStationStore = create<StationState>()(() => ({ station: null, restored: false }));

export interface StationDeps {
  sync: Pick<SyncController, 'connect' | 'disconnect'>;
  credentials: StationCredentialStore;
  /** Changes waiting to be sent (the status bar's count). */
  pendingChanges: () => number;
  fetch?: FetchLike;
}

let deps: StationDeps | undefined;
let session: StationSession | undefined;

/** main.tsx wires the window's sync controller and credential store once. */
export function configureStation(next: StationDeps): void {
  deps = next;
}

function required(): StationDeps {
  if (!deps) throw new Error('configureStation was not called (main.tsx)');
  return deps;
}

export function stationDatabaseName(serverUrl: string, stationId: string): string {
  return `assist-ten-station-${sha256Hex(`${serverUrl}\n${stationId}`).slice(0, 24)}`;
}

async function start(credentials: StationCredentials, access?: string): Promise<ActiveStation> {
  const { sync, credentials: store, fetch } = required();
  session = new StationSession(credentials, (rotated) => void store.save(rotated), fetch, access);
  const active: ActiveStation = {
    info: credentials.station,
    serverUrl: credentials.serverUrl,
    databaseName: stationDatabaseName(credentials.serverUrl, credentials.station.id),
  };
  useStationStore.setState({ station: active, restored: true });
  await sync.connect({ baseUrl: credentials.serverUrl, userId: credentials.station.id, session });
  return active;
}

/** After a successful set-up: keeps the credentials and turns the window into the station. */
export async function activateStation(serverUrl: string, tokens: StationTokenResponse): Promise<ActiveStation> {
  const credentials: StationCredentials = {
    serverUrl,
    refreshToken: tokens.refresh_token,
    certificate: tokens.station_certificate,
    station: tokens.station,
  };
  await required().credentials.save(credentials);
  return start(credentials, tokens.access_token);
}

/** At start: reopens the kept station, offline if need be. Resolves to it, or null. */
export async function restoreStation(): Promise<ActiveStation | null> {
  const kept = await required()
    .credentials.load()
    .catch(() => undefined);
  if (!kept) {
    useStationStore.setState({ restored: true });
    return null;
  }
  return start(kept);
}

export type LeaveResult = { left: true } | { left: false; reason: string };

/** Ends station mode; for the proctor PIN dialog. `force` leaves even with unsent changes (they stay on disk). */
export async function leaveStationMode(options: { force?: boolean } = {}): Promise<LeaveResult> {
  const { sync, credentials, pendingChanges } = required();
  if (!useStationStore.getState().station) return { left: true };
  const pending = pendingChanges();
  if (pending > 0 && !options.force)
    return {
      left: false,
      reason: `${pending} change${pending === 1 ? '' : 's'} from this station have not reached the server yet. Connect the station and wait for sync, or leave anyway (they stay on this device).`,
    };
  const ending = session;
  session = undefined;
  await sync.disconnect();
  await ending?.logout();
  await credentials.clear();
  useStationStore.setState({ station: null });
  return { left: true };
}
