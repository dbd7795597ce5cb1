import { collectionAccess, type KindAccess } from '../../src-shared/permissions/access';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import type { CollectionName } from '../../src-shared/storage/layout';
import { withdrawal, type Checkpoint, type WireDoc } from '../../src-shared/sync/wire';
import { quoteIdent } from '../db/ddl';
import { rowToStored, tableOf } from '../db/rows';
import type { Queryable, Sql } from '../db/sql';
import type { Principal } from '../auth/principal';
import { filterSql, Params, type Binding, type SubjectColumns } from './filter-sql';
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

/** The streams' principals and checkpoints, a row each, as the CTE `s`. */
function streamsCte(cursors: StreamCursor[], params: Params): string {
  const streams = cursors.map((c) => ({
    key: principalKey(c.principal),
    id: c.principal.id,
    email: c.principal.email,
    assessment_ids: c.principal.assessmentIds ?? [],
    since: c.since,
  }));
  return `, s AS (SELECT * FROM ROWS FROM (jsonb_to_recordset(${params.add(JSON.stringify(streams))}::jsonb)
                  AS (key text, id text, email text, assessment_ids jsonb, since bigint))
                WITH ORDINALITY AS s(key, id, email, assessment_ids, since, ord))`;
}

/** A document to send, at its change number; `entry`: answering a scope entry. */
export interface Item {
  seq: number;
  doc: WireDoc;
  entry?: true;
}

interface KindAnswer {
  head: number;
  /** Documents per stream, in change-number order: changed rows, and rows the scope worker asks to look at again. */
  items: Item[][];
}

async function readKind(q: Queryable, access: KindAccess, cursors: StreamCursor[], limit: number) {
  const params = new Params([limit, Math.min(...cursors.map((c) => c.since)), access.kind]);
  // One cursor (a pull request) binds its principal's values; several (a stream group) read them from a row per
  // stream. The single form is the plain query a pull always was: the planner sees the principal's values.
  const one = cursors.length === 1 ? cursors[0]! : undefined;
  const subject: Binding = one ? one.principal : SUBJECT;
  const stream = one
    ? { from: 'h', ord: '1', since: '$2', key: params.add(principalKey(one.principal)), with: '' }
    : { from: 'h CROSS JOIN s', ord: 's.ord', since: 's.since', key: 's.key', with: streamsCte(cursors, params) };
  const table = tableOf(access.kind);
  const t = quoteIdent(table.name);
  const changed = `${selectWithReveal(access, subject, params)} WHERE r._server_seq > ${stream.since} AND r._server_seq > $2 AND ${filterSql(access.kind, access.pull, 'r', subject, params)} ORDER BY r._server_seq LIMIT $1`;
  const again = `${selectWithReveal(access, subject, params)} WHERE r.${quoteIdent(table.primaryKey)} = e.pk AND NOT r._deleted AND ${filterSql(access.kind, access.pull, 'r', subject, params)}`;
  // One statement, so one snapshot: the changed rows, and the scope entries (scope/worker.ts) with the row each
  // names if it is still visible. LEFT JOIN: every stream gets a row, so the head arrives even when no stream has a
  // change. `> $2` (the lowest checkpoint) tells the planner how few rows each stream's scan meets.
  const rows = await q.query(
    `WITH h AS (SELECT COALESCE(max(_server_seq), 0) AS head FROM ${t})${stream.with}
     SELECT ${stream.ord} AS "_stream", h.head AS "_head", NULL::bigint AS "_entry_seq", NULL::text AS "_entry_pk", x.*
       FROM ${stream.from} LEFT JOIN LATERAL (${changed}) AS x ON TRUE
     UNION ALL
     SELECT ${stream.ord}, h.head, e.seq, e.pk, x.*
       FROM ${stream.from}
       JOIN LATERAL (SELECT c.seq, c.pk FROM scope_change AS c WHERE c.principal_key = ${stream.key} AND c.kind = $3
                      AND c.seq > ${stream.since} ORDER BY c.seq LIMIT $1) AS e ON TRUE
       LEFT JOIN LATERAL (${again}) AS x ON TRUE
     ORDER BY "_stream", "_server_seq"`,
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
      items.push({ seq: Number(row._entry_seq), doc, entry: true });
    } else if (visible) {
      items.push({
        seq: Number(row._server_seq),
        doc: toWire(rowToStored(access.kind, row), access, revealedOf(access, row)),
      });
    }
  }
  // Rows arrive in change-number order; entries, when there are any, go by their own numbers.
  for (const items of answer.items) if (items.some((i) => i.entry)) items.sort((a, b) => a.seq - b.seq);
  return answer;
}

/**
 * The first `limit` documents of several kinds' answers, in change-number
 * order, each row once: a row changed and also named by a scope entry is
 * sent as the later of the two (both carry the same current state).
 */
export function mergeItems(answers: Item[][], limit: number) {
  const all = answers.length === 1 ? answers[0]! : answers.flat();
  const merged = (answers.length === 1 ? all : all.sort((a, b) => a.seq - b.seq)).slice(0, limit);
  // Scope entries are rare: the common batch (tens of thousands of rows on a first sync) skips the de-duplication.
  if (!merged.some((item) => item.entry)) return { documents: merged.map((i) => i.doc), lastSeq: merged.at(-1)?.seq };
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
