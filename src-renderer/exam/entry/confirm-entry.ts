import { normaliseEmail } from '@shared/domain/ids';
import type { Doc } from '@shared/domain/registry';
import { expectedId } from '@shared/storage/stored-doc';

/*
 * The candidate's confirmation step, after a valid token: their name and
 * email, then the records the exam hangs on.
 *
 * Email: prefilled from the invitation and must stay the invitation's
 * (compared without case or surrounding blanks). It is what links the
 * candidate to their existing profile and to the invitation; a station
 * cannot re-address an invitation offline, so a different address is
 * refused with a way forward (a recruiter re-issues it online).
 * Name: prefilled from the existing profile, editable; a corrected name is
 * written to the profile, since the candidate is the authority on it.
 *
 * Records: the Candidate is linked by email (several profiles with one
 * email: the one already applied to this assessment, else the oldest), or
 * created; the AssessmentApplication has a derived id (candidate,
 * assessment), so it is found or created, and two offline stations creating
 * it converge on one row. The TestSession is the exam's (created at Start).
 */

export const NAME_MAX = 200;

export interface EntryDraft {
  name: string;
  email: string;
}

export interface EntryProblem {
  field: keyof EntryDraft;
  message: string;
}

export function entryProblems(draft: EntryDraft, token: Pick<Doc<'assessment_token'>, 'candidate_email'>) {
  const problems: EntryProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ field: 'name', message: 'Enter your full name.' });
  else if (name.length > NAME_MAX) problems.push({ field: 'name', message: `Use at most ${NAME_MAX} characters.` });
  if (!draft.email.trim()) problems.push({ field: 'email', message: 'Enter your email address.' });
  else if (normaliseEmail(draft.email) !== normaliseEmail(token.candidate_email))
    problems.push({
      field: 'email',
      message:
        'This is not the address the invitation was sent to. Use that address; if it has changed, ask the recruiter to re-issue the invitation.',
    });
  return problems;
}

/** The existing profile to link, among those with the invitation's email. */
export function profileToLink(
  profiles: readonly Doc<'candidate'>[],
  applications: readonly Doc<'assessment_application'>[],
  assessmentId: string,
): Doc<'candidate'> | undefined {
  const applied = new Set(applications.filter((a) => a.assessment_id === assessmentId).map((a) => a.candidate_id));
  return (
    profiles.find((p) => applied.has(p.candidate_id)) ??
    [...profiles].sort((a, b) => a.created_at.localeCompare(b.created_at))[0]
  );
}

export interface EntryPlan {
  candidate: { create: Doc<'candidate'> } | { existing: Doc<'candidate'>; rename?: string };
  application: { create: Doc<'assessment_application'> } | { existing: Doc<'assessment_application'> };
  applicationId: string;
  tokenId: string;
}

export interface PlanInput {
  token: Doc<'assessment_token'>;
  draft: EntryDraft;
  /** Profiles with the invitation's email, and their applications. */
  profiles: readonly Doc<'candidate'>[];
  applications: readonly Doc<'assessment_application'>[];
  now: Date;
  newId: () => string;
}

/** What to write for a confirmed entry; the draft must have no entryProblems. */
export function planEntry({ token, draft, profiles, applications, now, newId }: PlanInput): EntryPlan {
  const at = now.toISOString();
  const name = draft.name.trim().replace(/\s+/g, ' ');
  const linked = profileToLink(profiles, applications, token.assessment_id);
  const candidate: EntryPlan['candidate'] = linked
    ? { existing: linked, ...(linked.full_name !== name ? { rename: name } : {}) }
    : {
        create: {
          candidate_id: newId(),
          full_name: name,
          email: normaliseEmail(token.candidate_email),
          skills: [],
          created_at: at,
          updated_at: at,
        },
      };
  const candidateId = 'existing' in candidate ? candidate.existing.candidate_id : candidate.create.candidate_id;
  const applicationId = expectedId('assessment_application', {
    candidate_id: candidateId,
    assessment_id: token.assessment_id,
  })!;
  const found = applications.find((a) => a.application_id === applicationId);
  const application: EntryPlan['application'] = found
    ? { existing: found }
    : {
        create: {
          application_id: applicationId,
          candidate_id: candidateId,
          assessment_id: token.assessment_id,
          status: 'pending',
          applied_at: at,
          submitted_skills: [],
          created_at: at,
          updated_at: at,
        },
      };
  return { candidate, application, applicationId, tokenId: token.id };
}
