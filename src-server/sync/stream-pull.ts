import { collectionAccess, type KindAccess } from '../../src-shared/permissions/access';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import type { CollectionName } from '../../src-shared/storage/layout';
import { withdrawal, type Checkpoint, type WireDoc } from '../../src-shared/sync/wire';
import { quoteIdent } from '../db/ddl';
import { rowToStored, tableOf } from '../db/rows';
import type { Queryable, Sql } from '../db/sql';
import type { Principal } from '../auth/principal';
import { filterSql, Params, type SubjectColumns } from './filter-sql';
import { principalKey } from './scope/principals';
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
  /** Documents per stream, in change-number order: changed rows, and rows the scope worker asks to look at again. */
  items: { seq: number; doc: WireDoc }[][];
}

async function readKind(q: Queryable, access: KindAccess, cursors: StreamCursor[], limit: number) {
  const streams = cursors.map((c) => ({
    key: principalKey(c.principal),
    id: c.principal.id,
    email: c.principal.email,
    assessment_ids: c.principal.assessmentIds ?? [],
    since: c.since,
  }));
  const params = new Params([JSON.stringify(streams), limit, Math.min(...cursors.map((c) => c.since)), access.kind]);
  const table = tableOf(access.kind);
  const t = quoteIdent(table.name);
  const changed = `${selectWithReveal(access, SUBJECT, params)} WHERE r._server_seq > s.since AND r._server_seq > $3 AND ${filterSql(access.kind, access.pull, 'r', SUBJECT, params)} ORDER BY r._server_seq LIMIT $2`;
  const again = `${selectWithReveal(access, SUBJECT, params)} WHERE r.${quoteIdent(table.primaryKey)} = e.pk AND NOT r._deleted AND ${filterSql(access.kind, access.pull, 'r', SUBJECT, params)}`;
  // One statement, so one snapshot: the changed rows, and the scope entries (scope/entries.ts) with the row each
  // names if it is still visible. LEFT JOIN: every stream gets a row, so the head arrives even when no stream has a
  // change. `> $3` (the lowest checkpoint) tells the planner how few rows each stream's scan meets.
  const rows = await q.query(
    `WITH h AS (SELECT COALESCE(max(_server_seq), 0) AS head FROM ${t}),
          s AS (SELECT * FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
                  AS (key text, id text, email text, assessment_ids jsonb, since bigint))
                WITH ORDINALITY AS s(key, id, email, assessment_ids, since, ord))
     SELECT s.ord AS "_stream", h.head AS "_head", NULL::bigint AS "_entry_seq", NULL::text AS "_entry_pk", x.*
       FROM h CROSS JOIN s LEFT JOIN LATERAL (${changed}) AS x ON TRUE
     UNION ALL
     SELECT s.ord, h.head, e.seq, e.pk, x.*
       FROM h CROSS JOIN s
       JOIN LATERAL (SELECT c.seq, c.pk FROM scope_change AS c
                      WHERE c.principal_key = s.key AND c.kind = $4 AND c.seq > s.since ORDER BY c.seq LIMIT $2) AS e ON TRUE
       LEFT JOIN LATERAL (${again}) AS x ON TRUE`,
    params.values,
  );
  const answer: KindAnswer = { head: 0, items: cursors.map(() => []) };
  for (const row of rows) {
    answer.head = Math.max(answer.head, Number(row._head));
    const items = answer.items[Number(row._stream) - 1]!;
    const visible = row._server_seq !== null && row._server_seq !== undefined;
    if (row._entry_seq !== null && row._entry_seq !== undefined) {
      const doc = visible
        ? toWire(rowToStored(access.kind, row), access, revealedOf(access, row))
        : withdrawal(access.kind, String(row._entry_pk));
      items.push({ seq: Number(row._entry_seq), doc });
    } else if (visible) {
      items.push({
        seq: Number(row._server_seq),
        doc: toWire(rowToStored(access.kind, row), access, revealedOf(access, row)),
      });
    }
  }
  for (const items of answer.items) items.sort((a, b) => a.seq - b.seq);
  return answer;
}

/**
 * The first `limit` documents of several kinds' answers, in change-number
 * order, each row once: a row changed and also named by a scope entry is
 * sent as the later of the two (both carry the same current state).
 */
export function mergeItems(answers: { seq: number; doc: WireDoc }[][], limit: number) {
  const merged = answers
    .flat()
    .sort((a, b) => a.seq - b.seq)
    .slice(0, limit);
  const last = new Map<string, number>();
  merged.forEach((item, i) => last.set(`${item.doc.kind}:${item.doc.pk}`, i));
  const documents = merged.filter((item, i) => last.get(`${item.doc.kind}:${item.doc.pk}`) === i).map((i) => i.doc);
  return { documents, lastSeq: merged.at(-1)?.seq };
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
    const more = answers.some((a) => a.items[i]!.length >= limit);
    const { documents, lastSeq } = mergeItems(
      answers.map((a) => a.items[i]!),
      limit,
    );
    const last = lastSeq ?? cursor.since;
    return {
      documents,
      checkpoint: lastSeq === undefined ? null : { seq: lastSeq },
      since: more ? last : Math.max(cursor.since, last, head),
      more,
    };
  });
}
