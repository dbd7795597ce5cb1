import { answerRefusal } from '../../../src-shared/domain/answer-window';
import type { Doc } from '../../../src-shared/domain/registry';
import type { PrincipalRole } from '../../../src-shared/permissions/principal';
import { conflictRuleOf, freezeRefusal } from '../../../src-shared/sync/conflict-rules';
import type { Planned } from './batch';
import type { WriteContext } from './context';

/*
 * Step 6, the conflict table's refusals (src-shared/sync/conflict-rules.ts):
 * what the server refuses to store even from a device whose copy is
 * current: frozen fields (a completed session, final feedback, a used
 * invitation, recorded evidence) and answers outside their session's answer
 * window. A refused write is answered like a conflict, with the master.
 */

type Row = Record<string, unknown>;

/** Why the table refuses to store `next` for row `p`, or undefined. */
export function conflictRefusal(p: Planned, role: PrincipalRole, next: Row, context: WriteContext): string | undefined {
  // A deleted master is created anew: nothing of it is frozen.
  const current = p.current && !p.current.deleted ? p.current.doc : undefined;
  const frozen = freezeRefusal(p.kind, { role, current, next, deleting: p.incoming._deleted });
  if (frozen) return frozen;
  if (!conflictRuleOf(p.kind).answerWindow) return undefined;
  const limits = context.sessionOf(String(next.session_id));
  // No session on the server yet: nothing to judge by (the permission table decides who may write).
  if (!limits) return undefined;
  const refusal = answerRefusal(next as Doc<'answer'>, limits.session, limits.durationMinutes);
  if (refusal === 'after_submission') return `written after the session was submitted (${limits.session.completed_at})`;
  if (refusal === 'after_deadline') return 'written after the session’s time limit';
  return undefined;
}
