import type { UserRole } from '../domain/enums';
import type { PrincipalRole } from '../permissions/principal';
import { entities, type Kind } from '../domain/registry';
import type { serverOnly } from '../storage/layout';
import { sameJson } from './equality';

/*
 * THE conflict table: what the sync server does, per replicated kind, when a
 * push meets a master it cannot simply be applied to. Enforced by
 * the sync server's write pipeline (src-server/sync/write/); the permission table (src-shared/permissions)
 * decides beforehand who may write which fields at all.
 *
 * Two questions per kind:
 * - onStale: the device's assumed master state is not the server's (someone
 *   else wrote first).
 *   'master-wins' is RxDB's default protocol: nothing is written, the master
 *   comes back as the conflict, and the device's conflict handler
 *   (src-renderer/sync/conflict-handler.ts) merges field-wise against the
 *   common ancestor and pushes the result.
 *   'field-merge' merges on the server instead (mergeStale below): a field
 *   only one side changed keeps that side's value; a field both changed
 *   keeps the later `updated_at`'s value, and on equal `updated_at` the
 *   master's (the first write to reach the server wins a tie; rows carry no
 *   writer id to break it otherwise). Deletions on either side, and merges
 *   that break a cross-field rule or keep nothing of the device's, fall back
 *   to master-wins.
 * - freeze: what the server refuses even from a device whose copy is
 *   current. A refused write is answered like a conflict: the master comes
 *   back, unchanged (see isRuleRefusal for how a device tells the two apart).
 * Answers also have an answer window (src-shared/domain/answer-window.ts).
 * Server-owned fields never take part: the server alone writes them.
 */

export type ReplicatedKind = Exclude<Kind, keyof typeof serverOnly>;

export interface Freeze {
  /** From when: as soon as the document exists, or once this boolean field is true on the server. */
  once: 'created' | { isTrue: string };
  /** What stops changing: every field, or only these, or all but these. */
  fields: 'all' | { only: readonly string[] } | { except: readonly string[] };
  /** Whether a frozen document may still be soft-deleted (by roles the permission table lets delete). */
  deletable: boolean;
  /** Roles the freeze does not bind. */
  exempt: readonly PrincipalRole[];
}

export interface ConflictRule {
  onStale: 'master-wins' | 'field-merge';
  freeze?: Freeze;
  /** The write must fall inside its session's answer window (answers only). */
  answerWindow?: true;
}

const masterWins: ConflictRule = { onStale: 'master-wins' };
const fieldMerge: ConflictRule = { onStale: 'field-merge' };
const ADMINS: readonly UserRole[] = ['admin', 'super_admin'];

export const conflictRules: Record<ReplicatedKind, ConflictRule> = {
  // Profiles: a user edits their own name while an admin changes their role: both edits survive.
  user: fieldMerge,
  // Curated content and catalogues, written by admins only: master wins, the device merges.
  job_description: masterWins,
  question_set: masterWins,
  question: masterWins,
  skill: masterWins,
  role: masterWins,
  // A completed session keeps what decides its score; a station cannot reopen it to change answers.
  test_session: {
    onStale: 'master-wins',
    freeze: {
      once: { isTrue: 'is_completed' },
      fields: {
        only: ['is_completed', 'completed_at', 'question_ids', 'total_questions', 'user_id', 'candidate_email'],
      },
      deletable: true,
      exempt: ADMINS,
    },
  },
  // The last write before submission counts, nothing after it or after the time limit (answer-window.ts).
  answer: { onStale: 'master-wins', answerWindow: true },
  // Profiles: recruiters and the candidate edit different fields of the same profile.
  candidate: fieldMerge,
  // Owned by recruiters: master wins, the device merges.
  assessment: masterWins,
  // An invitation is single-use: once used (by the server's rule, or an admin's revocation) it
  // never reopens, for anyone; a device that could set is_used back could take the exam again.
  assessment_token: {
    onStale: 'master-wins',
    freeze: { once: { isTrue: 'is_used' }, fields: { only: ['is_used', 'used_at'] }, deletable: true, exempt: [] },
  },
  assessment_application: masterWins,
  job_requisition: masterWins,
  // Notes: one author edits from several devices.
  application_note: fieldMerge,
  interview_session: masterWins,
  // Locked once final: not even its interviewer changes or deletes it; admins may.
  interview_feedback: {
    onStale: 'master-wins',
    freeze: { once: { isTrue: 'is_final' }, fields: 'all', deletable: false, exempt: ADMINS },
  },
  // Append-only evidence: what was detected never changes, for anyone; proctors add their review.
  // Deletion is the permission table's: stations and proctors may not, admins may (retention).
  proctoring_event: {
    onStale: 'master-wins',
    freeze: {
      once: 'created',
      fields: { except: ['reviewed', 'reviewed_by', 'reviewed_at', 'reviewer_notes', 'flagged', 'updated_at'] },
      deletable: true,
      exempt: [],
    },
  },
  // Personal (one reader and writer, or a sender and its recipient's read flags): master wins.
  notification: masterWins,
  admin_settings: masterWins,
  uploaded_document: masterWins,
  skill_match: masterWins,
};

export function conflictRuleOf(kind: Kind): ConflictRule {
  return (conflictRules as Partial<Record<Kind, ConflictRule>>)[kind] ?? masterWins;
}

type Doc = Record<string, unknown>;

/** Fields a freeze covers for a kind; server-owned fields never count. */
export function frozenFields(kind: Kind, freeze: Freeze): string[] {
  const entity = entities[kind];
  const serverOwned = new Set<string>(entity.serverOwned);
  const fields = entity.fields.filter((f) => !serverOwned.has(f));
  if (freeze.fields === 'all') return fields;
  if ('only' in freeze.fields) {
    const only = new Set(freeze.fields.only);
    return fields.filter((f) => only.has(f));
  }
  const except = new Set(freeze.fields.except);
  return fields.filter((f) => !except.has(f));
}

export interface FreezeInput {
  role: PrincipalRole;
  /** The master, if the document exists and is not deleted. */
  current: Doc | undefined;
  /** What the push would store. */
  next: Doc;
  deleting: boolean;
}

/** Why the kind's freeze refuses this write, or undefined. */
export function freezeRefusal(kind: Kind, { role, current, next, deleting }: FreezeInput): string | undefined {
  const freeze = conflictRuleOf(kind).freeze;
  if (!freeze || !current || freeze.exempt.includes(role)) return undefined;
  if (freeze.once !== 'created' && current[freeze.once.isTrue] !== true) return undefined;
  const since = freeze.once === 'created' ? 'created' : `${freeze.once.isTrue} is set`;
  if (deleting && !freeze.deletable) return `cannot be deleted once ${since}`;
  const changed = frozenFields(kind, freeze).filter((f) => !sameJson(current[f], next[f]));
  return changed.length ? `${changed.join(', ')} cannot change once ${since}` : undefined;
}
