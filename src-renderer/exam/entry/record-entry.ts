import { randomId } from '@shared/domain/ids';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { checkInvitationToken, type StationBundle, type TokenCheck } from './token-check';
import { planEntry, type EntryDraft, type EntryPlan } from './confirm-entry';

/*
 * The station database side of candidate entry: the bundle the token check
 * reads, and writing a confirmed entry. Every write goes through the
 * repositories, so it is validated and durable before the screen moves on.
 */

/** The bundle as the token check needs it, read from the station's database. */
export async function loadBundle(db: AppDatabase): Promise<StationBundle> {
  const [tokens, assessments, sessions] = await Promise.all([
    repo(db, 'assessment_token').find(),
    repo(db, 'assessment').find(),
    repo(db, 'test_session').find(),
  ]);
  const tokenById = new Map(tokens.map((t) => [t.id, t]));
  const assessmentById = new Map(assessments.map((a) => [a.assessment_id, a]));
  const usedHere = new Set(sessions.map((s) => s.assessment_token_id).filter(Boolean));
  return {
    token: (id) => tokenById.get(id),
    assessment: (id) => assessmentById.get(id),
    usedOnThisStation: (id) => usedHere.has(id),
  };
}

export async function checkTokenOnStation(db: AppDatabase, input: string, now = new Date()): Promise<TokenCheck> {
  return checkInvitationToken(input, await loadBundle(db), now);
}

/** The profiles with an invitation's email, and their applications. */
export async function invitee(db: AppDatabase, token: Doc<'assessment_token'>) {
  const email = token.candidate_email.toLowerCase();
  // Emails are compared case-insensitively; a station holds only its invitees, so the scan is small.
  const profiles = (await repo(db, 'candidate').find()).filter((c) => c.email.toLowerCase() === email);
  const ids = new Set(profiles.map((p) => p.candidate_id));
  const applications = (await repo(db, 'assessment_application').find()).filter((a) => ids.has(a.candidate_id));
  return { profiles, applications };
}

/** Writes the confirmed entry: the candidate (created, or renamed) and the application. */
export async function recordEntry(
  db: AppDatabase,
  token: Doc<'assessment_token'>,
  draft: EntryDraft,
  now = new Date(),
): Promise<EntryPlan> {
  const plan = planEntry({ token, draft, ...(await invitee(db, token)), now, newId: randomId });
  const clock = () => now;
  if ('create' in plan.candidate) await repo(db, 'candidate', clock).insertDocument(plan.candidate.create);
  else if (plan.candidate.rename)
    await repo(db, 'candidate', clock).update(plan.candidate.existing.candidate_id, {
      full_name: plan.candidate.rename,
    });
  if ('create' in plan.application)
    await repo(db, 'assessment_application', clock).insertDocument(plan.application.create);
  return plan;
}
