/*
 * Where a snapshot lives on the sync server. Snapshots are content-addressed
 * (the SHA-256 of the JPEG), so the URL is known on the station before the
 * upload, and an event can be written once, complete, with its snapshot_url:
 * events are append-only (src-shared/sync/conflict-rules.ts). The URL is
 * relative to the sync server, whichever address a device reaches it at.
 */

export const SNAPSHOT_PATH_PREFIX = '/blobs/snapshots/';
export const SNAPSHOT_CONTENT_TYPE = 'image/jpeg';
/** Largest snapshot the server stores (a 1280×720 JPEG at quality 0.85 is about 150 kB). */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function snapshotUrl(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 hex digest: ${sha256}`);
  return `${SNAPSHOT_PATH_PREFIX}${sha256}`;
}

/** The digest a snapshot_url names, or undefined for anything else. */
export function snapshotDigestOf(url: string | undefined): string | undefined {
  if (!url?.startsWith(SNAPSHOT_PATH_PREFIX)) return undefined;
  const digest = url.slice(SNAPSHOT_PATH_PREFIX.length);
  return SHA256_HEX.test(digest) ? digest : undefined;
}
