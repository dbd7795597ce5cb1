import { describe, expect, it } from 'vitest';
import { describeSyncStatus, type SyncStatus } from './sync-store';

const base: SyncStatus = { online: false, syncing: false, pendingPush: 0, lastSyncedAt: null };
const time = (iso: string) => iso.slice(11, 16);

describe('describeSyncStatus', () => {
  it('says the app works on local data until a sync engine reports in', () => {
    expect(describeSyncStatus(base, time)).toBe('Offline · local data only');
  });

  it('describes the states a sync engine reports', () => {
    expect(describeSyncStatus({ ...base, pendingPush: 1 }, time)).toBe('Offline · 1 change waiting to sync');
    expect(describeSyncStatus({ ...base, online: true, syncing: true }, time)).toBe('Syncing…');
    expect(describeSyncStatus({ ...base, online: true, pendingPush: 3 }, time)).toBe('Online · 3 changes to send');
    expect(describeSyncStatus({ ...base, online: true, lastSyncedAt: '2026-11-24T09:30:00.000Z' }, time)).toBe(
      'Online · synced 09:30',
    );
  });
});
