import { describe, expect, it } from 'vitest';
import { Subject } from 'rxjs';
import { LastSyncedKeeper, loadLastSynced } from './last-synced';

/** A local-document store that records writes and can be made slow. */
function fakeStore() {
  const docs = new Map<string, { at: string }>();
  const writes: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  return {
    writes,
    /** Writes wait until release(). */
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => open(),
    store: {
      async getLocal(id: string) {
        const data = docs.get(id);
        return data ? { get: (path: string) => data[path as 'at'] } : null;
      },
      async upsertLocal(id: string, data: { at: string }) {
        writes.push(data.at);
        await gate;
        docs.set(id, data);
      },
    },
  };
}

describe('LastSyncedKeeper', () => {
  it('keeps the latest time, to be read back after a restart', async () => {
    const { store } = fakeStore();
    expect(await loadLastSynced(store)).toBeNull();
    const keeper = new LastSyncedKeeper(store);
    const times = new Subject<string | null>();
    keeper.follow(times);
    times.next(null);
    times.next('2026-11-24T09:30:00.000Z');
    await keeper.stop();
    expect(await loadLastSynced(store)).toBe('2026-11-24T09:30:00.000Z');
  });

  it('writes only the newest of the times that arrive during a slow write', async () => {
    const fake = fakeStore();
    fake.hold();
    const keeper = new LastSyncedKeeper(fake.store);
    const times = new Subject<string | null>();
    keeper.follow(times);
    times.next('2026-11-24T09:30:00.000Z');
    await expect.poll(() => fake.writes.length).toBe(1);
    for (const minute of ['31', '32', '33']) times.next(`2026-11-24T09:${minute}:00.000Z`);
    fake.release();
    await keeper.stop();
    expect(fake.writes).toEqual(['2026-11-24T09:30:00.000Z', '2026-11-24T09:33:00.000Z']);
    expect(await loadLastSynced(fake.store)).toBe('2026-11-24T09:33:00.000Z');
  });
});
