import { answerRefusal } from '../../src-shared/domain/answer-window';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import { entities, type Doc, type Kind } from '../../src-shared/domain/registry';
import type { KindAccess } from '../../src-shared/permissions/access';
import { conflictRuleOf, freezeRefusal } from '../../src-shared/sync/conflict-rules';
import { sameJson } from '../../src-shared/sync/equality';
import { mergeStale } from '../../src-shared/sync/field-merge';
import { readRows, type StoredRow } from '../db/rows';
import type { Queryable } from '../db/sql';
import { durationOf } from './scoring';

/*
 * The conflict table (src-shared/sync/conflict-rules.ts) applied to one
 * push batch, inside its transaction: the server-side field merge of stale
 * pushes, and the freezes and answer windows that refuse a write whatever
 * the device assumed.
 */

type Row = Record<string, unknown>;

/**
 * The 'field-merge' rule for a push whose assumed master is stale: the
 * document to apply instead, or undefined to answer with the master (a
 * deletion on either side, or a merge that keeps nothing of the push).
 */
export function mergeStalePush(
  kind: Kind,
  access: KindAccess,
  current: StoredRow,
  assumed: Row | null | undefined,
  incoming: Row,
  deleting: boolean,
): Row | undefined {
  if (conflictRuleOf(kind).onStale !== 'field-merge' || !assumed) return undefined;
  if (current.deleted || deleting || assumed._deleted === true) return undefined;
  const serverOwned = new Set<string>(entities[kind].serverOwned);
  const fields = entities[kind].fields.filter((f) => !serverOwned.has(f) && !access.concealed.has(f));
  const merged = mergeStale(fields, assumed, current.doc, incoming);
  return fields.every((f) => sameJson(merged[f], current.doc[f])) ? undefined : merged;
}

interface SessionLimits {
  session: Doc<'test_session'>;
  durationMinutes: number | undefined;
}

/** What the batch's rules need from other rows: the sessions of its answers, with their time limits. */
export class BatchRules {
  private constructor(private readonly sessions: Map<string, SessionLimits>) {}

  static async load(tx: Queryable, pushed: { kind: Kind; doc: Row }[]): Promise<BatchRules> {
    const sessionIds = pushed.filter((p) => conflictRuleOf(p.kind).answerWindow).map((p) => String(p.doc.session_id));
    const sessions = new Map<string, SessionLimits>();
    // Every sync writer holds the sync write lock, so these rows cannot change before the batch commits.
    const rows = await readRows(tx, 'test_session', [...new Set(sessionIds)]);
    const durations = new Map<string | undefined, number | undefined>();
    for (const [id, row] of rows) {
      if (row.deleted) continue;
      const session = row.doc as Doc<'test_session'>;
      if (!durations.has(session.assessment_id)) {
        durations.set(session.assessment_id, await durationOf(tx, session.assessment_id));
      }
      sessions.set(id, { session, durationMinutes: durations.get(session.assessment_id) });
    }
    return new BatchRules(sessions);
  }

  /**
   * Why the table refuses to store `next`, or undefined. `current` is the
   * master, if any and not deleted (a deleted document is created anew).
   */
  refusal(role: PrincipalRole, kind: Kind, current: Row | undefined, next: Row, deleting: boolean): string | undefined {
    const frozen = freezeRefusal(kind, { role, current, next, deleting });
    if (frozen) return frozen;
    if (!conflictRuleOf(kind).answerWindow) return undefined;
    const limits = this.sessions.get(String(next.session_id));
    // No session on the server yet: nothing to judge by (the permission table decides who may write).
    if (!limits) return undefined;
    const refusal = answerRefusal(next as Doc<'answer'>, limits.session, limits.durationMinutes);
    if (refusal === 'after_submission')
      return `written after the session was submitted (${limits.session.completed_at})`;
    if (refusal === 'after_deadline') return 'written after the session’s time limit';
    return undefined;
  }
}
