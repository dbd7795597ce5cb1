import { useShallow } from 'zustand/react/shallow';
import { describeSyncStatus, useSyncStore } from '../state/sync-store';
import { formatDateTime } from '../format/dates';

/** Reserved for replication state; the sync engine reports into useSyncStore. */
export function StatusBar() {
  const status = useSyncStore(
    useShallow((s) => ({
      online: s.online,
      syncing: s.syncing,
      pendingPush: s.pendingPush,
      lastSyncedAt: s.lastSyncedAt,
    })),
  );
  return (
    <footer className="status-bar" aria-label="Sync status">
      <span className={`status-dot ${status.online ? 'status-online' : 'status-offline'}`} aria-hidden="true" />
      <p role="status" className="status-text">
        {describeSyncStatus(status, formatDateTime)}
      </p>
    </footer>
  );
}
