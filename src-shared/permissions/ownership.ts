import type { Kind } from '../domain/registry';

/*
 * Ownership: which fields of a pushed document must name the principal that
 * pushes it. A device, and the person at it, can send anything; the
 * permission table says which rows and fields a role may write, and this
 * table says which of those fields are identities the sender cannot choose.
 *
 * Two kinds of identity field:
 * - actor fields record who did something (who wrote a note, who reviewed an
 *   event, who created a requisition). Whoever sets or changes one, in any
 *   role, admins included, must name themselves: nobody writes in someone
 *   else's name. A write that leaves the stored value alone is not one (an
 *   admin may edit a recruiter's requisition; its `created_by` stays).
 * - owner fields (the permission table's `push.owner`, per role) make the
 *   row the sender's own: on every write they must name the sender, whether
 *   or not they change. A candidate's test session names the candidate in
 *   both `user_id` and `candidate_email`, never one of the two.
 * Fields naming someone else on purpose are neither: the recipient of a
 * notification, the interviewer an interview is assigned to, the hiring
 * manager of a requisition.
 *
 * Enforced by the sync server's write pipeline (src-server/sync/write/
 * ownership.ts); the permission matrix test checks every role × kind cell.
 */

/** What an identity field holds: the principal's id or its email (compared case-insensitively). */
export type Identity = 'id' | 'email';

export interface OwnedField {
  field: string;
  names: Identity;
  /** 'written': when the write sets or changes it; 'always': on every write of the row. */
  when: 'written' | 'always';
  /** Whether the field may be absent ('always' fields only; an absent actor field names nobody). */
  optional: boolean;
}

export const actorFields: Partial<Record<Kind, Readonly<Record<string, Identity>>>> = {
  job_description: { uploaded_by: 'id' },
  assessment: { created_by: 'id' },
  assessment_token: { created_by: 'id' },
  job_requisition: { created_by: 'id' },
  application_note: { author_id: 'id' },
  interview_feedback: { interviewer_id: 'id' },
  proctoring_event: { reviewed_by: 'id' },
  uploaded_document: { user_id: 'id' },
  skill_match: { user_id: 'id' },
  admin_settings: { user_id: 'id' },
};

/** Owner fields of a push rule: the field, what it names, and whether it may be absent. */
export type OwnerFields = Readonly<Record<string, { names: Identity; optional?: boolean }>>;

/** The identity rules one role's pushes of `kind` obey: the kind's actor fields and the rule's owner fields. */
export function ownedFields(kind: Kind, owner: OwnerFields | undefined): OwnedField[] {
  const out: OwnedField[] = Object.entries(owner ?? {}).map(([field, o]) => ({
    field,
    names: o.names,
    when: 'always',
    optional: o.optional === true,
  }));
  for (const [field, names] of Object.entries(actorFields[kind] ?? {})) {
    if (!out.some((o) => o.field === field)) out.push({ field, names, when: 'written', optional: true });
  }
  return out;
}

/** Whether `value` names the principal. */
export function namesPrincipal(value: unknown, names: Identity, principal: { id: string; email: string }): boolean {
  if (typeof value !== 'string') return false;
  return names === 'id' ? value === principal.id : value.toLowerCase() === principal.email.toLowerCase();
}
