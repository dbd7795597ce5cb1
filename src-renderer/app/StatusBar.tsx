import { useShallow } from 'zustand/react/shallow';
import { describeSyncStatus, formatSyncTime, useSyncStore } from '../state/sync-store';
import { useSessionStore } from '../state/session-store';

/** Replication state, as the sync controller reports it into useSyncStore. */
export function StatusBar() {
  const status = useSyncStore(
    useShallow((s) => ({
      linked: s.linked,
      online: s.online,
      syncing: s.syncing,
      pendingPush: s.pendingPush,
      lastSyncedAt: s.lastSyncedAt,
      error: s.error,
    })),
  );
  const serverAccount = useSessionStore((s) => Boolean(s.user?.server));
  const online = status.linked && status.online;
  return (
    <footer className="status-bar" aria-label="Sync status">
      <span className={`status-dot ${online ? 'status-online' : 'status-offline'}`} aria-hidden="true" />
      <p role="status" className="status-text">
        {describeSyncStatus(status, (iso) => formatSyncTime(iso), serverAccount)}
      </p>
      {status.linked && status.error && <p className="status-text">Sync problem: {status.error}</p>}
    </footer>
  );
}
