import type { z } from 'zod';
import { User, RefreshToken } from './entities/identity';
import { JobDescription, QuestionSet, Question } from './entities/question-bank';
import { TestSession, Answer } from './entities/testing';
import {
  Candidate,
  UploadedDocument,
  SkillMatch,
  Assessment,
  AssessmentApplication,
  AssessmentToken,
} from './entities/candidates';
import { JobRequisition, ApplicationNote, InterviewSession, InterviewFeedback } from './entities/recruiting';
import {
  ProctoringEvent,
  Notification,
  Skill,
  Role,
  AdminSettings,
  ExtractionLog,
  BackgroundTask,
} from './entities/system';

/** Every entity of the reference domain model, keyed by its `kind`. */
export const entities = {
  user: User,
  refresh_token: RefreshToken,
  job_description: JobDescription,
  question_set: QuestionSet,
  question: Question,
  test_session: TestSession,
  answer: Answer,
  candidate: Candidate,
  assessment: Assessment,
  assessment_application: AssessmentApplication,
  assessment_token: AssessmentToken,
  job_requisition: JobRequisition,
  application_note: ApplicationNote,
  interview_session: InterviewSession,
  interview_feedback: InterviewFeedback,
  proctoring_event: ProctoringEvent,
  notification: Notification,
  uploaded_document: UploadedDocument,
  skill: Skill,
  role: Role,
  skill_match: SkillMatch,
  extraction_log: ExtractionLog,
  admin_settings: AdminSettings,
  background_task: BackgroundTask,
} as const;

export type Entities = typeof entities;
export type Kind = keyof Entities;
export const kinds = Object.keys(entities) as Kind[];

/** The stored shape of one entity, e.g. `Doc<'answer'>`. */
export type Doc<K extends Kind> = z.infer<Entities[K]['document']>;
export type CreateInput<K extends Kind> = z.input<Entities[K]['create']>;
export type UpdateInput<K extends Kind> = z.input<Entities[K]['update']>;
export type ResponseDoc<K extends Kind> = z.infer<Entities[K]['response']>;

export function entityOf<K extends Kind>(kind: K): Entities[K] {
  return entities[kind];
}

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(entities, value);
}

export {
  User,
  RefreshToken,
  JobDescription,
  QuestionSet,
  Question,
  TestSession,
  Answer,
  Candidate,
  Assessment,
  AssessmentApplication,
  AssessmentToken,
  JobRequisition,
  ApplicationNote,
  InterviewSession,
  InterviewFeedback,
  ProctoringEvent,
  Notification,
  UploadedDocument,
  Skill,
  Role,
  SkillMatch,
  ExtractionLog,
  AdminSettings,
  BackgroundTask,
};
