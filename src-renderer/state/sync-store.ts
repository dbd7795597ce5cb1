import { create } from 'zustand';

/*
 * The replication state shown in the status bar. The sync engine (a later
 * issue) writes here through `report`; the UI only reads. Until then the app
 * is offline and works on local data alone.
 */
export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  /** Local changes not yet accepted by the server. */
  pendingPush: number;
  /** ISO time of the last completed sync, or null if never synced. */
  lastSyncedAt: string | null;
}

interface SyncState extends SyncStatus {
  report: (status: Partial<SyncStatus>) => void;
  reset: () => void;
}

const initialStatus: SyncStatus = { online: false, syncing: false, pendingPush: 0, lastSyncedAt: null };

export const useSyncStore = create<SyncState>()((set) => ({
  ...initialStatus,
  report: (status) => set(status),
  reset: () => set(initialStatus),
}));

/** One short sentence for the status bar. */
export function describeSyncStatus(status: SyncStatus, formatTime: (iso: string) => string): string {
  if (status.syncing) return 'Syncing…';
  if (!status.online) {
    return status.pendingPush > 0
      ? `Offline · ${status.pendingPush} ${status.pendingPush === 1 ? 'change' : 'changes'} waiting to sync`
      : 'Offline · local data only';
  }
  if (status.pendingPush > 0)
    return `Online · ${status.pendingPush} ${status.pendingPush === 1 ? 'change' : 'changes'} to send`;
  return status.lastSyncedAt ? `Online · synced ${formatTime(status.lastSyncedAt)}` : 'Online';
}
