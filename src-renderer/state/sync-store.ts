import { create } from 'zustand';
import { format, isSameDay, parseISO } from 'date-fns';

/*
 * The replication state shown in the status bar. The sync controller
 * (sync/sync-controller.ts) writes here through `report`; the UI only reads.
 * A session that does not replicate (a device-only demo account, or a server
 * account unlocked offline with no refresh token kept) stays `linked: false`.
 */
export interface SyncStatus {
  /** Whether this session replicates with a sync server at all. */
  linked: boolean;
  online: boolean;
  syncing: boolean;
  /** Local changes not yet accepted by the server. */
  pendingPush: number;
  /** ISO time of the last completed sync, or null if never synced. */
  lastSyncedAt: string | null;
  /** The last failure worth showing (refused push, session ended by the server), or null. */
  error: string | null;
}

interface SyncState extends SyncStatus {
  report: (status: Partial<SyncStatus>) => void;
  reset: () => void;
}

export const initialSyncStatus: SyncStatus = {
  linked: false,
  online: false,
  syncing: false,
  pendingPush: 0,
  lastSyncedAt: null,
  error: null,
};

export const useSyncStore = create<SyncState>()((set) => ({
  ...initialSyncStatus,
  report: (status) => set(status),
  reset: () => set(initialSyncStatus),
}));

function changes(n: number): string {
  return `${n} ${n === 1 ? 'change' : 'changes'}`;
}

/**
 * One short sentence for the status bar. `serverAccount`: the signed-in
 * account belongs to a server, so not replicating means it was unlocked
 * offline without a kept session, not that there is nothing to sync with.
 */
export function describeSyncStatus(
  status: Omit<SyncStatus, 'error'>,
  formatTime: (iso: string) => string,
  serverAccount = false,
): string {
  if (!status.linked)
    return serverAccount
      ? 'Not syncing · sign in again while online to resume'
      : 'Local data only · not synced with a server';
  const pending = status.pendingPush;
  if (status.syncing) return pending > 0 ? `Syncing · ${changes(pending)} to send` : 'Syncing…';
  if (!status.online) {
    const parts = ['Offline'];
    if (pending > 0) parts.push(`${changes(pending)} waiting to sync`);
    parts.push(status.lastSyncedAt ? `last synced ${formatTime(status.lastSyncedAt)}` : 'not synced yet');
    return parts.join(' · ');
  }
  if (pending > 0) return `Online · ${changes(pending)} to send`;
  return status.lastSyncedAt ? `Online · synced ${formatTime(status.lastSyncedAt)}` : 'Online';
}

/** "09:30" for a time today, "23 Nov 2026, 09:30" otherwise, in the viewer's zone. */
export function formatSyncTime(iso: string, now: Date = new Date()): string {
  const at = parseISO(iso);
  return isSameDay(at, now) ? format(at, 'HH:mm') : format(at, 'd MMM yyyy, HH:mm');
}
