import type { Doc } from '@shared/domain/registry';
import { randomId } from '@shared/domain/ids';
import { isExpired } from '@shared/domain/assessment-rules';
import { composeSession } from '@shared/exam/session-composition';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { relations } from '../db/relations';
import { ExamError } from './exam-errors';

/*
 * Opening an exam for an application and its invitation token. The writes are
 * ordered so that a crash between two of them can be repaired by pressing
 * Start again: the session first (it names its token and application), then
 * the application points at the session. A second Start for the same token
 * resumes the session it finds instead of opening another.
 */

export interface ExamInvitation {
  applicationId: string;
  tokenId: string;
}

export interface ExamBriefing {
  application: Doc<'assessment_application'>;
  token: Doc<'assessment_token'>;
  assessment: Doc<'assessment'>;
  candidate: Doc<'candidate'>;
  questionCount: number;
  /** A session already opened with this token (to resume, or already submitted). */
  session?: Doc<'test_session'>;
}

function notFound(what: string): never {
  throw new ExamError('not_found', `The ${what} for this exam is not on this station. Ask the proctor.`);
}

export async function questionIdsOf(db: AppDatabase, assessment: Doc<'assessment'>): Promise<string[]> {
  const questions = assessment.question_set_id
    ? await relations.questionsOfSet(db, assessment.question_set_id)
    : assessment.jd_id
      ? await relations.questionsOfJobDescription(db, assessment.jd_id)
      : [];
  return questions.map((q) => q.id);
}

export async function sessionOfToken(
  db: AppDatabase,
  assessmentId: string,
  tokenId: string,
): Promise<Doc<'test_session'> | undefined> {
  const sessions = await repo(db, 'test_session').find({
    selector: { assessment_id: assessmentId, assessment_token_id: tokenId },
  });
  // Two would only exist if two stations opened one token offline; the server settles that. Keep the first.
  return sessions.sort((a, b) => a.started_at.localeCompare(b.started_at))[0];
}

/** Everything the instructions need, and whether this invitation may still open an exam. */
export async function loadBriefing(
  db: AppDatabase,
  invitation: ExamInvitation,
  now = new Date(),
): Promise<ExamBriefing> {
  const application =
    (await repo(db, 'assessment_application').get(invitation.applicationId)) ?? notFound('application');
  const token = (await repo(db, 'assessment_token').get(invitation.tokenId)) ?? notFound('invitation');
  if (token.assessment_id !== application.assessment_id) {
    throw new ExamError('token_mismatch', 'This invitation is for another assessment. Ask the proctor.');
  }
  const assessment = (await repo(db, 'assessment').get(application.assessment_id)) ?? notFound('assessment');
  const candidate = (await repo(db, 'candidate').get(application.candidate_id)) ?? notFound('candidate');
  const session = await sessionOfToken(db, assessment.assessment_id, token.id);
  if (!session) {
    if (token.is_used) throw new ExamError('token_used', 'This invitation has already been used.');
    if (Date.parse(token.expires_at) <= now.getTime()) {
      throw new ExamError('token_expired', 'This invitation has expired.');
    }
    if (!assessment.is_active || isExpired(assessment, now)) {
      throw new ExamError('assessment_closed', 'This assessment is no longer open.');
    }
  }
  const questionCount = session ? session.question_ids.length : (await questionIdsOf(db, assessment)).length;
  if (!session && questionCount === 0) {
    throw new ExamError('no_questions', 'This assessment has no questions on this station. Ask the proctor.');
  }
  return { application, token, assessment, candidate, questionCount, ...(session ? { session } : {}) };
}

export interface StartOptions {
  stationId?: string;
  now?: () => Date;
}

const starting = new Map<string, Promise<Doc<'test_session'>>>();

/** Opens the session, or returns the one this token already opened (after repairing the later writes). */
export function startExam(
  db: AppDatabase,
  invitation: ExamInvitation,
  options: StartOptions = {},
): Promise<Doc<'test_session'>> {
  // A double press must not open two sessions: the second waits for the first.
  const key = `${invitation.applicationId}\u0000${invitation.tokenId}`;
  let pending = starting.get(key);
  if (!pending) {
    pending = openSession(db, invitation, options).finally(() => starting.delete(key));
    starting.set(key, pending);
  }
  return pending;
}

async function openSession(
  db: AppDatabase,
  invitation: ExamInvitation,
  { stationId, now = () => new Date() }: StartOptions,
): Promise<Doc<'test_session'>> {
  const briefing = await loadBriefing(db, invitation, now());
  const { application, token, assessment, candidate } = briefing;
  let session = briefing.session;
  if (!session) {
    const sessionId = randomId();
    // The server derives the same composition when the session arrives, and keeps its own.
    const composition = composeSession(sessionId, assessment, await questionIdsOf(db, assessment));
    const stamp = now().toISOString();
    session = await repo(db, 'test_session').insertDocument({
      session_id: sessionId,
      candidate_name: candidate.full_name,
      candidate_email: candidate.email,
      assessment_id: assessment.assessment_id,
      ...composition,
      started_at: stamp,
      is_completed: false,
      is_scored: false,
      assessment_token_id: token.id,
      application_id: application.application_id,
      ...(stationId ? { station_id: stationId } : {}),
      created_at: stamp,
      updated_at: stamp,
    });
  }
  // The invitation is not marked used here: the server does, when the session reaches it
  // (src-server/sync/token-reuse.ts); devices may not write is_used. Until then, the session
  // naming the token is what makes this station refuse the code again (token-check.ts).
  if (application.test_session_id !== session.session_id) {
    await repo(db, 'assessment_application').update(application.application_id, {
      test_session_id: session.session_id,
      started_at: session.started_at,
      // A station may move the application along (the permission table lets it);
      // a candidate on their own device may not, and the recruiter's later status stays.
      ...(session.station_id && application.status === 'pending' ? { status: 'in_progress' as const } : {}),
    });
  }
  return session;
}
