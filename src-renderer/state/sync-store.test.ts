import { describe, expect, it } from 'vitest';
import { describeSyncStatus, formatSyncTime, initialSyncStatus, type SyncStatus } from './sync-store';

const linked: SyncStatus = { ...initialSyncStatus, linked: true };
const time = (iso: string) => iso.slice(11, 16);

describe('describeSyncStatus', () => {
  it('says when a session works on local data alone', () => {
    expect(describeSyncStatus(initialSyncStatus, time)).toBe('Local data only · not synced with a server');
    // Whatever else is reported, an unlinked session never claims to sync.
    expect(describeSyncStatus({ ...initialSyncStatus, pendingPush: 2 }, time)).toBe(
      'Local data only · not synced with a server',
    );
    // A server account unlocked offline with no kept session.
    expect(describeSyncStatus(initialSyncStatus, time, true)).toBe(
      'Not syncing · sign in again while online to resume',
    );
  });

  it('describes being offline: what waits to be sent and when the last sync was', () => {
    expect(describeSyncStatus(linked, time)).toBe('Offline · not synced yet');
    expect(describeSyncStatus({ ...linked, pendingPush: 1 }, time)).toBe(
      'Offline · 1 change waiting to sync · not synced yet',
    );
    expect(describeSyncStatus({ ...linked, pendingPush: 3, lastSyncedAt: '2026-11-24T09:30:00.000Z' }, time)).toBe(
      'Offline · 3 changes waiting to sync · last synced 09:30',
    );
  });

  it('describes syncing and being online', () => {
    expect(describeSyncStatus({ ...linked, online: true, syncing: true }, time)).toBe('Syncing…');
    expect(describeSyncStatus({ ...linked, online: true, syncing: true, pendingPush: 2 }, time)).toBe(
      'Syncing · 2 changes to send',
    );
    expect(describeSyncStatus({ ...linked, online: true, pendingPush: 3 }, time)).toBe('Online · 3 changes to send');
    expect(describeSyncStatus({ ...linked, online: true }, time)).toBe('Online');
    expect(describeSyncStatus({ ...linked, online: true, lastSyncedAt: '2026-11-24T09:30:00.000Z' }, time)).toBe(
      'Online · synced 09:30',
    );
  });
});

describe('formatSyncTime', () => {
  it('gives the time alone for today and the date as well for other days', () => {
    const now = new Date(2026, 10, 24, 15, 0);
    expect(formatSyncTime(new Date(2026, 10, 24, 9, 5).toISOString(), now)).toBe('09:05');
    expect(formatSyncTime(new Date(2026, 10, 23, 9, 5).toISOString(), now)).toBe('23 Nov 2026, 09:05');
  });
});
