import type { Kind } from '../../src-shared/domain/registry';

/*
 * What the entity definitions cannot say about the server's tables: their
 * names and the indexes the server's queries need. Columns, types, NOT NULL,
 * enum checks and unique constraints are all derived from the entities
 * (schema-model.ts); never list fields here beyond index keys.
 */

/** One table per entity kind, named as the reference database named them. */
export const tableNames = {
  user: 'users',
  refresh_token: 'refresh_tokens',
  job_description: 'job_descriptions',
  question_set: 'question_sets',
  question: 'questions',
  test_session: 'test_sessions',
  answer: 'answers',
  candidate: 'candidates',
  assessment: 'assessments',
  assessment_application: 'assessment_applications',
  assessment_token: 'assessment_tokens',
  job_requisition: 'job_requisitions',
  application_note: 'application_notes',
  interview_session: 'interview_sessions',
  interview_feedback: 'interview_feedback',
  proctoring_event: 'proctoring_events',
  notification: 'notifications',
  uploaded_document: 'uploaded_documents',
  skill: 'skills',
  role: 'roles',
  skill_match: 'skill_matches',
  extraction_log: 'extraction_logs',
  admin_settings: 'admin_settings',
  background_task: 'background_tasks',
} as const satisfies Record<Kind, string>;

/**
 * Secondary indexes, by kind. The reference's indexes come first; the rest
 * serve the permission filters (src-shared/permissions), which look rows up
 * by owner. Every table also gets an index on `_server_seq` (pull order) and
 * the unique indexes of `uniqueBy`, which need no entry here.
 */
export const tableIndexes: Partial<Record<Kind, readonly (readonly string[])[]>> = {
  candidate: [['email']],
  assessment: [['is_published']],
  job_requisition: [['status']],
  test_session: [['created_at'], ['user_id', 'created_at'], ['candidate_email']],
  interview_session: [['scheduled_at'], ['interviewer_id'], ['candidate_id']],
  proctoring_event: [['test_session_id', 'severity']],
  notification: [['user_id', 'is_read']],
  answer: [['session_id']],
  assessment_application: [['candidate_id']],
  application_note: [['application_id']],
  uploaded_document: [['user_id']],
  assessment_token: [['candidate_email']],
  refresh_token: [['family_id'], ['user_id']],
};

/** Fields whose uniqueness ignores letter case (as ids.ts normalises them). */
export const caseInsensitiveFields: readonly string[] = ['email', 'name'];

/**
 * Email fields: row filters compare them in lower case (sync/filter-sql.ts), so
 * their secondary indexes are on lower(column), or those filters could not use them.
 */
export const isEmailField = (field: string) => field === 'email' || field.endsWith('_email');
