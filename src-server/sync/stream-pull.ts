import { collectionAccess, type KindAccess } from '../../src-shared/permissions/access';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { Checkpoint, WireDoc } from '../../src-shared/sync/wire';
import { quoteIdent } from '../db/ddl';
import { rowToStored, tableOf, type StoredRow } from '../db/rows';
import type { Queryable, Sql } from '../db/sql';
import type { Principal } from '../auth/principal';
import { filterSql, Params, type SubjectColumns } from './filter-sql';
import { revealedOf, selectWithReveal, toWire } from './visibility';

/*
 * The live streams' pull: what `pullChanges` (pull.ts) answers, for every
 * open stream of one role at once, in one statement per table. Every commit
 * wakes every stream of the roles that replicate the changed collection;
 * one query per stream was ~1,000 queries a second with 200 kiosks, on the
 * one event loop every push also needs. The role fixes the compiled filter;
 * the principals' values (`self.id`, `self.email`, `self.assessmentIds`)
 * come from a row per stream (SubjectColumns), and a LATERAL subquery reads
 * each stream's next changes with its own checkpoint and limit.
 *
 * Each answer also carries the collection's head (the highest change number
 * visible) from the same snapshot. Change numbers follow commit order
 * (db/ddl.ts), so a snapshot that shows the head shows every change below
 * it: a stream that got fewer than `limit` changes has seen all of its
 * changes up to the head and can move past the other principals' changes,
 * which would otherwise be re-read by every later query.
 */

export interface StreamCursor {
  principal: Principal;
  /** The change number the stream has covered. */
  since: number;
}

export interface StreamBatch {
  documents: WireDoc[];
  /** The last document's change number: the checkpoint the client gets with them (null when there are none). */
  checkpoint: Checkpoint | null;
  /** Where the stream now stands: after the last document, or at the head when it has all it may see. */
  since: number;
  /** The stream's changes were cut at `limit`: there may be more. */
  more: boolean;
}

const SUBJECT: SubjectColumns = { columns: { id: 's.id', email: 's.email', assessmentIds: 's.assessment_ids' } };

interface KindAnswer {
  head: number;
  /** Rows per stream, in change-number order. */
  rows: { row: StoredRow; revealed: boolean[] }[][];
}

async function readKind(q: Queryable, access: KindAccess, cursors: StreamCursor[], limit: number) {
  const streams = cursors.map((c) => ({
    id: c.principal.id,
    email: c.principal.email,
    assessment_ids: c.principal.assessmentIds ?? [],
    since: c.since,
  }));
  const params = new Params([JSON.stringify(streams), limit, Math.min(...cursors.map((c) => c.since))]);
  const select = selectWithReveal(access, SUBJECT, params);
  const where = filterSql(access.kind, access.pull, 'r', SUBJECT, params);
  const table = quoteIdent(tableOf(access.kind).name);
  // LEFT JOIN: every stream gets a row, so the head arrives even when no stream has a change.
  // `> $3` (the lowest checkpoint) tells the planner how few rows each stream's scan meets.
  const rows = await q.query(
    `SELECT s.ord AS "_stream", h.head AS "_head", x.*
       FROM (SELECT COALESCE(max(_server_seq), 0) AS head FROM ${table}) AS h
       CROSS JOIN ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id text, email text, assessment_ids jsonb, since bigint))
         WITH ORDINALITY AS s(id, email, assessment_ids, since, ord)
       LEFT JOIN LATERAL (${select} WHERE r._server_seq > s.since AND r._server_seq > $3 AND ${where} ORDER BY r._server_seq LIMIT $2) AS x
         ON TRUE
      ORDER BY s.ord, x._server_seq`,
    params.values,
  );
  const answer: KindAnswer = { head: 0, rows: cursors.map(() => []) };
  for (const row of rows) {
    answer.head = Number(row._head);
    if (row._server_seq === null || row._server_seq === undefined) continue;
    answer.rows[Number(row._stream) - 1]!.push({
      row: rowToStored(access.kind, row),
      revealed: revealedOf(access, row),
    });
  }
  return answer;
}

/** The next changes of `collection` for each stream (all of one role), in the order of `cursors`. */
export async function pullForStreams(
  sql: Sql,
  role: PrincipalRole,
  collection: CollectionName,
  cursors: StreamCursor[],
  limit: number,
): Promise<StreamBatch[]> {
  const kinds = collectionAccess(role, collection);
  if (!kinds.length || !cursors.length)
    return cursors.map((c) => ({ documents: [], checkpoint: null, since: c.since, more: false }));
  // Several tables are read in one REPEATABLE READ snapshot, for the reason pullChanges gives.
  const answers =
    kinds.length === 1
      ? [await readKind(sql, kinds[0]!, cursors, limit)]
      : await sql.transaction(async (tx) => {
          await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          const out: KindAnswer[] = [];
          for (const access of kinds) out.push(await readKind(tx, access, cursors, limit));
          return out;
        });
  const head = Math.max(...answers.map((a) => a.head));
  return cursors.map((cursor, i) => {
    const more = answers.some((a) => a.rows[i]!.length >= limit);
    const merged = answers
      .flatMap((a, k) => a.rows[i]!.map((r) => ({ ...r, access: kinds[k]! })))
      .sort((a, b) => a.row.seq - b.row.seq)
      .slice(0, limit);
    const lastDoc = merged.at(-1)?.row.seq;
    const last = lastDoc ?? cursor.since;
    return {
      documents: merged.map(({ row, access, revealed }) => toWire(row, access, revealed)),
      checkpoint: lastDoc === undefined ? null : { seq: lastDoc },
      since: more ? last : Math.max(cursor.since, last, head),
      more,
    };
  });
}
