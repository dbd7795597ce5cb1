import { describe, expect, it } from 'vitest';
import { snapshotsToEvict, type StoredSnapshotInfo } from './snapshot-cap';

const snap = (id: string, createdAt: number, flagged = false, size = 100): StoredSnapshotInfo => ({
  id,
  createdAt,
  flagged,
  size,
});

describe('the snapshot cap', () => {
  it('keeps everything while under the cap', () => {
    expect(snapshotsToEvict([snap('a', 1), snap('b', 2)], 200)).toEqual([]);
  });

  it('removes the oldest unflagged snapshots first, just enough to fit', () => {
    const stored = [snap('new', 5), snap('old-flagged', 1, true), snap('old', 2), snap('mid', 3), snap('late', 4)];
    expect(snapshotsToEvict(stored, 300)).toEqual(['old', 'mid']);
  });

  it('never removes a flagged snapshot, even when that leaves the station over its cap', () => {
    const stored = [snap('f1', 1, true), snap('f2', 2, true), snap('u', 3)];
    expect(snapshotsToEvict(stored, 50)).toEqual(['u']);
  });
});
