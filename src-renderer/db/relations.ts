import type { Doc } from '@shared/domain/registry';
import { isExpired } from '@shared/domain/assessment-rules';
import type { AppDatabase } from './database';
import { repo } from './repository';

/*
 * Helper queries for the reference's relationships. Single references also
 * resolve through RxDB population (`rxDocument.populate('candidate_id')`),
 * because every `ref` field names the collection holding its target and
 * primary keys equal entity ids.
 */

export type AssessmentView = Doc<'assessment'> & { is_expired: boolean };

export function withComputed(assessment: Doc<'assessment'>, now = new Date()): AssessmentView {
  return { ...assessment, is_expired: isExpired(assessment, now) };
}

export const relations = {
  applicationsOfCandidate: (db: AppDatabase, candidateId: string) =>
    repo(db, 'assessment_application').find({
      selector: { candidate_id: candidateId },
      sort: [{ applied_at: 'desc' }],
    }),
  applicationsOfAssessment: (db: AppDatabase, assessmentId: string) =>
    repo(db, 'assessment_application').find({ selector: { assessment_id: assessmentId } }),
  tokensOfAssessment: (db: AppDatabase, assessmentId: string) =>
    repo(db, 'assessment_token').find({ selector: { assessment_id: assessmentId } }),
  questionsOfSet: (db: AppDatabase, questionSetId: string) =>
    repo(db, 'question').find({ selector: { question_set_id: questionSetId } }),
  questionsOfJobDescription: (db: AppDatabase, jdId: string) =>
    repo(db, 'question').find({ selector: { jd_id: jdId } }),
  answersOfSession: (db: AppDatabase, sessionId: string) =>
    repo(db, 'answer').find({ selector: { session_id: sessionId } }),
  eventsOfSession: (db: AppDatabase, sessionId: string) =>
    repo(db, 'proctoring_event').find({ selector: { test_session_id: sessionId }, sort: [{ detected_at: 'asc' }] }),
  sessionsOfUser: (db: AppDatabase, userId: string) =>
    repo(db, 'test_session').find({ selector: { user_id: userId }, sort: [{ created_at: 'desc' }] }),
  notesOfApplication: (db: AppDatabase, applicationId: string) =>
    repo(db, 'application_note').find({ selector: { application_id: applicationId }, sort: [{ created_at: 'asc' }] }),
  interviewsOfRequisition: (db: AppDatabase, requisitionId: string) =>
    repo(db, 'interview_session').find({
      selector: { requisition_id: requisitionId },
      sort: [{ scheduled_at: 'asc' }],
    }),
  interviewsOfCandidate: (db: AppDatabase, candidateId: string) =>
    repo(db, 'interview_session').find({ selector: { candidate_id: candidateId }, sort: [{ scheduled_at: 'asc' }] }),
  async feedbackOfInterview(db: AppDatabase, interviewId: string) {
    const [feedback] = await repo(db, 'interview_feedback').find({ selector: { interview_id: interviewId }, limit: 1 });
    return feedback;
  },
  unreadNotifications: (db: AppDatabase, userId: string) =>
    repo(db, 'notification').find({ selector: { user_id: userId, is_read: false }, sort: [{ created_at: 'desc' }] }),
  async settingsOfUser(db: AppDatabase, userId: string) {
    const [settings] = await repo(db, 'admin_settings').find({ selector: { user_id: userId }, limit: 1 });
    return settings;
  },
  documentsOfCandidate: (db: AppDatabase, candidateId: string) =>
    repo(db, 'uploaded_document').find({ selector: { candidate_id: candidateId } }),
};
