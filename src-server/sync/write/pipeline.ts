import type { Kind } from '../../../src-shared/domain/registry';
import type { ScoreReleasePolicy } from '../../../src-shared/domain/score-release';
import type { CollectionName } from '../../../src-shared/storage/layout';
import type { PushRow, WireDoc } from '../../../src-shared/sync/wire';
import type { Principal } from '../../auth/principal';
import { isPgError, UNIQUE_VIOLATION, type Sql } from '../../db/sql';
import { HttpError } from '../../http/errors';
import { admit, fail, lockAndLoad, type Planned } from './batch';
import { applyEffects } from './effects';
import { conflictRefusal } from './conflict-rule';
import { WriteContext } from './context';
import { permitFields } from './fields';
import { checkOwnership } from './ownership';
import { reveal, type Reply } from './reveal';
import { checkStoredRows, writeChecked, type Accepted } from './row-access';
import { deriveServerFields } from './session-composition';
import { staleness } from './stale';
import { validationProblems } from './validation';

/*
 * THE write pipeline: every check a pushed row passes, in order, in one
 * place. A batch is atomic: every accepted row is written or, if any row
 * breaks a rule, nothing is and the client gets the reason (row, field,
 * rule). Conflicts (the device's assumed master is not the server's) and
 * writes the conflict table refuses are not written and come back as the
 * master, as RxDB's replication protocol expects.
 *
 *   1. permission   the role may push the kind (admit), and may change each
 *                   stored row it replaces (row-access.ts)
 *   2. staleness    a stale copy is a conflict, or a server-side field merge
 *                   (stale.ts): judged first, because a stale copy differs
 *                   from the master in fields its sender cannot write
 *   3. fields       create and delete rights; the sender's values for the
 *                   fields it may write, the stored ones for the rest
 *                   (fields.ts)
 *   4. ownership    identity fields name the sender (ownership.ts)
 *   5. server-owned the server's own fields: a session's composition
 *                   (session-composition.ts); scores come in step 8
 *   6. conflict     freezes and answer windows (conflict-rule.ts)
 *   7. validation   the document to store is a valid entity document
 *      write        one statement per kind, which also checks the written
 *                   rows are still the sender's (row-access.ts)
 *   8. effects      invitations settled, sessions scored (effects.ts)
 *   9. reveal       conflict replies show only what the sender may pull
 *                   (reveal.ts)
 */

export interface PushOptions {
  release: ScoreReleasePolicy;
  now: () => number;
  /** Told about every write the conflict table refused, for the log. */
  onRefusal?: (refusal: { kind: Kind; pk: string; reason: string }) => void;
}

type Outcome = { accept: Accepted } | { reply: Reply };

/** Steps 2–7 for one row: accept it, answer it with the master, or fail the batch. */
function decide(p: Planned, principal: Principal, context: WriteContext, options: PushOptions): Outcome {
  const stale = staleness(p);
  if (stale.stale && !stale.merged) return { reply: { planned: p, master: true } };
  const incoming = stale.stale ? stale.merged! : stale.doc;
  const permitted = permitFields(p, principal, incoming);
  checkOwnership(p, principal, permitted);
  const doc = deriveServerFields(p, permitted, context);
  const refusal = conflictRefusal(p, principal.role, doc, context);
  if (refusal) {
    options.onRefusal?.({ kind: p.kind, pk: p.incoming.pk, reason: refusal });
    // A refused creation has no master to return: the device learns that the server holds none.
    return { reply: p.current ? { planned: p, master: true } : { planned: p, master: false, doc } };
  }
  const problems = validationProblems(p, doc);
  // Both sides were valid; if the server's merge of them is not, the device resolves it like any conflict.
  if (problems.length && stale.stale) return { reply: { planned: p, master: true } };
  if (problems.length) fail(400, problems);
  return { accept: { planned: p, doc, deleting: p.incoming._deleted } };
}

export async function pushChanges(
  sql: Sql,
  principal: Principal,
  collection: CollectionName,
  rows: PushRow[],
  options: PushOptions,
): Promise<WireDoc[]> {
  const batch = admit(principal, collection, rows);
  if (!batch.length) return [];
  try {
    return await sql.transaction(async (tx) => {
      await lockAndLoad(tx, sql.schema, collection, batch);
      await checkStoredRows(tx, principal, batch);
      const context = await WriteContext.load(tx, batch);
      const outcomes = batch.map((p) => decide(p, principal, context, options));
      const accepted = outcomes.flatMap((o) => ('accept' in o ? [o.accept] : []));
      await writeChecked(tx, principal, accepted);
      // The clock is read under the lock, so a release sweep (score-release.ts) is either before or after it.
      await applyEffects(tx, accepted, context, { release: options.release, nowMs: options.now() });
      return reveal(
        tx,
        principal,
        outcomes.flatMap((o) => ('reply' in o ? [o.reply] : [])),
      );
    });
  } catch (error) {
    // The constraint's name only: its detail would echo a stored value the sender may not see.
    if (isPgError(error, UNIQUE_VIOLATION)) {
      throw new HttpError(409, 'A unique value is already taken', [
        {
          field: 'body',
          rule: 'unique',
          message: `conflicts with an existing row (${error.constraint ?? 'constraint'})`,
        },
      ]);
    }
    throw error;
  }
}
