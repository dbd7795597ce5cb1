import { normaliseEmail } from '../domain/ids';
import { invitationTokenHash, invitationTokenId } from '../domain/invitation-token';
import type { Doc } from '../domain/registry';
import { addAdministration } from './administration';
import { addAssessments } from './assessments';
import { addCandidates } from './candidates';
import { addCatalogue } from './catalogue';
import { addNotifications } from './inbox';
import { addCandidateUser, addStaff, demoAccounts, type DemoAccount } from './people';
import { addRequisitions } from './requisitions';
import { SeedBuilder, type SeedDocs } from './seed-builder';

export type { SeedDocs, DemoAccount };
export { DEMO_EMAIL_DOMAIN } from './people';

/*
 * Demo data for every collection and every role: a small hiring pipeline
 * with requisitions, assessments, candidates at every stage, interviews with
 * feedback, completed exams with answers and proctoring events. Deterministic
 * for a given seed and date, so end-to-end tests and benchmarks can rely on it.
 *
 * Every step draws from one seeded sequence, so their order is part of the
 * output: accounts, catalogue (skills, roles, job descriptions, question
 * bank), assessments, requisitions, candidates through the pipeline
 * (candidates.ts), notifications, administration, then the station
 * invitations, which draw nothing.
 */

export interface SeedOptions {
  now?: Date;
  /** Candidates generated (default 24); everything else scales with it. */
  candidates?: number;
  seed?: number;
}

/** A demo invitation whose code the seed reveals, so exam stations and their tests have codes to type. */
export interface DemoInvitation {
  token: string;
  candidate_email: string;
  assessment_title: string;
  /** What a station must answer: accept it, or refuse it as used, expired or for a closed assessment. */
  state: 'open' | 'used' | 'expired' | 'assessment_closed';
}

export interface Seed {
  docs: SeedDocs;
  accounts: DemoAccount[];
  /** Up to five open invitations and one of each refusal (deterministic: the same for every build). */
  invitations: DemoInvitation[];
}

export function buildSeed(options: SeedOptions = {}): Seed {
  const now = options.now ?? new Date();
  const b = new SeedBuilder(now, options.seed ?? 2026);

  const staff = addStaff(b);
  const candidateUser = addCandidateUser(b);
  const { jds, sets } = addCatalogue(b, staff.recruiter.id);
  const assessments = addAssessments(b, sets, staff.admin.id);
  const requisitions = addRequisitions(b, jds, assessments, staff);
  addCandidates(b, options.candidates ?? 24, { staff, candidateUser, sets, assessments, requisitions });
  const users = [...Object.values(staff), candidateUser];
  addNotifications(b, users);
  addAdministration(b, staff, sets);

  return {
    docs: b.docs,
    accounts: demoAccounts(users),
    invitations: stationInvitations(b, now, assessments, staff.recruiter.id),
  };
}

/**
 * Invitations for exam stations: the pipeline's unused ones (open, for
 * published assessments) plus one expired and one for the closed (expired,
 * unpublished) assessment, written last and without the seeded randomness, so
 * that every other seed row stays as it was.
 */
function stationInvitations(
  b: SeedBuilder,
  now: Date,
  assessments: Doc<'assessment'>[],
  createdBy: string,
): DemoInvitation[] {
  const titleOf = new Map(assessments.map((a) => [a.assessment_id, a.title]));
  const closed = assessments.find((a) => !a.is_published)!;
  const stamp = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const tokens = b.docs.assessment_token ?? [];
  const extra = (token: string, assessment: Doc<'assessment'>, email: string, expiresInDays: number) =>
    b.add('assessment_token', {
      id: invitationTokenId(token),
      token,
      token_hash: invitationTokenHash(token),
      assessment_id: assessment.assessment_id,
      candidate_email: normaliseEmail(email),
      expires_at: stamp(expiresInDays),
      is_used: false,
      created_by: createdBy,
      created_at: stamp(-20),
    });
  const invitee = tokens.find((t) => !t.is_used)!;
  const published = assessments.find((a) => a.assessment_id === invitee.assessment_id)!;
  const expired = extra('DEMO-EXPIRED-0001', published, invitee.candidate_email, -1);
  const forClosed = extra('DEMO-CLOSED-0001', closed, invitee.candidate_email, 14);
  const describe = (t: Doc<'assessment_token'>, state: DemoInvitation['state']): DemoInvitation => ({
    token: t.token!,
    candidate_email: t.candidate_email,
    assessment_title: titleOf.get(t.assessment_id)!,
    state,
  });
  return [
    ...tokens
      .filter((t) => !t.is_used && t.token!.startsWith('DEMO-0'))
      .slice(0, 5)
      .map((t) => describe(t, 'open')),
    ...tokens
      .filter((t) => t.is_used)
      .slice(0, 1)
      .map((t) => describe(t, 'used')),
    describe(expired, 'expired'),
    describe(forClosed, 'assessment_closed'),
  ];
}
