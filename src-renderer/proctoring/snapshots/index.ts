import type { Doc } from '@shared/domain/registry';
import { snapshotDigestOf } from '@shared/proctoring/snapshot-url';
import type { AppDatabase } from '../../db/database';
import { SyncHttpError } from '../../sync/transport';
import { snapshotStore } from './store';
import { transportFor } from './uploader';

export { SnapshotStore, snapshotStore, type SnapshotRow } from './store';
export { SnapshotUploader, withSnapshotUploads } from './uploader';

/**
 * The JPEG of an event's snapshot, for the proctor's review: this station's
 * encrypted store first (no network, works offline), else the server's blob
 * store through the signed-in session. Undefined when the event has none, it
 * has not been uploaded yet, or this window has no server to ask.
 */
export async function loadSnapshot(
  db: AppDatabase,
  event: Pick<Doc<'proctoring_event'>, 'event_id' | 'snapshot_url'>,
): Promise<Blob | undefined> {
  const digest = snapshotDigestOf(event.snapshot_url);
  if (!digest) return undefined;
  const local = await snapshotStore()
    .read(event.event_id)
    .catch(() => undefined);
  if (local && local.sha256 === digest) return local.jpeg;
  const transport = transportFor(db);
  if (!transport) return undefined;
  try {
    const response = await transport.send(event.snapshot_url!);
    return await response.blob();
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 404) return undefined;
    throw error;
  }
}
