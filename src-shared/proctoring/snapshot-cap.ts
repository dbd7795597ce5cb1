/*
 * The per-station cap on stored snapshots. When the snapshots on a station
 * exceed the cap, the oldest unflagged ones go first; flagged ones are
 * evidence a proctor must see and are never removed, even if that leaves the
 * station over its cap.
 */

export interface StoredSnapshotInfo {
  id: string;
  size: number;
  flagged: boolean;
  /** Epoch ms. */
  createdAt: number;
}

/** Default cap: about a thousand 50 kB snapshots. */
export const DEFAULT_SNAPSHOT_CAP_BYTES = 50 * 1024 * 1024;

/** Which snapshots to remove, oldest first, to bring the total down to `capBytes`. */
export function snapshotsToEvict(snapshots: readonly StoredSnapshotInfo[], capBytes: number): string[] {
  let total = snapshots.reduce((sum, s) => sum + s.size, 0);
  if (total <= capBytes) return [];
  const candidates = snapshots
    .filter((s) => !s.flagged)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const evicted: string[] = [];
  for (const snapshot of candidates) {
    if (total <= capBytes) break;
    evicted.push(snapshot.id);
    total -= snapshot.size;
  }
  return evicted;
}
