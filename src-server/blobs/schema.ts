import { sha256Hex } from '../../src-shared/domain/ids';
import { MIGRATION_LOCK } from '../db/ddl';
import type { Sql } from '../db/sql';

/*
 * The blob store's own table. It is not an entity (no sync, no kind, no
 * permission row of its own), so it stays out of the entity migrations,
 * which are all generated from the entity schemas (src-server/db/migrations).
 * It has versioned steps of its own instead, applied at start under the same
 * advisory lock as the entity migrations and recorded with a checksum in
 * blob_schema_versions; as there, a shipped step is never edited.
 */

const STEPS: readonly string[] = [
  `CREATE TABLE snapshot_blobs (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type text NOT NULL,
    size integer NOT NULL CHECK (size > 0),
    bytes bytea NOT NULL,
    test_session_id text NOT NULL,
    uploaded_by text NOT NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX snapshot_blobs_session ON snapshot_blobs (test_session_id);`,
];

export async function ensureBlobSchema(sql: Sql, steps: readonly string[] = STEPS): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, `${sql.schema}:blobs`]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS blob_schema_versions (
      version integer PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await tx.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM blob_schema_versions ORDER BY version',
    );
    for (const [i, step] of steps.entries()) {
      const version = i + 1;
      const checksum = sha256Hex(step);
      const done = applied.find((a) => a.version === version);
      if (done) {
        if (done.checksum !== checksum)
          throw new Error(`Blob store schema step ${version} changed after it was applied; add a new step instead`);
        continue;
      }
      await tx.exec(step);
      await tx.query('INSERT INTO blob_schema_versions (version, checksum) VALUES ($1, $2)', [version, checksum]);
    }
  });
}
