import { entities, type Kind } from '../domain/registry';
import type { PrincipalRole } from './principal';
import { examRecordRules, station } from './station-table';
import type { OwnerFields } from './ownership';
import {
  anyRow,
  full,
  inOwnSession,
  mine,
  ownAccountWithPin,
  ownApplications,
  ownCandidateProfile,
  ownNotes,
  ownPinOnly,
  ownSessions,
  personal,
  readOnly,
  staffDirectory,
  visibleNotes,
} from './common-rules';
import { interviewer } from './interviewer-table';
import { and, eq, ne, or, present, self, within, type RowFilter } from './row-filter';

/*
 * THE authorization table: role × entity kind. For each pair it says
 * - pull:  which documents the role receives (pull, live stream, conflicts);
 * - strip: fields removed before a document leaves the server, on top of the
 *          entity's `secret` fields, which are always removed;
 * - withhold: fields removed from the documents that do not (yet) match a
 *          row filter, e.g. scores until they are released. The filter is
 *          compiled into the same SQL that reads the row, so the decision is
 *          made on the row as it is sent (pull, live stream, conflicts);
 *          when the row starts to match, the server must write it (giving it
 *          a new change number) for devices to receive the fields;
 * - push:  which documents it may write (`rows`, checked on the stored row
 *          before and after the write), which fields it may change, and
 *          whether it may create or soft-delete documents.
 * A kind missing for a role means no access at all. Server-only kinds
 * (refresh tokens, extraction logs, background tasks) appear nowhere.
 * Server-owned fields (entity `serverOwned`) are never taken from a client,
 * whatever `fields` says; server-derived ones (`serverDerived`) are
 * recomputed at creation and kept afterwards. Identity fields obey the
 * ownership table (ownership.ts): actor fields for every role, and the
 * `owner` fields of a push rule.
 */

export interface PushRule {
  rows: RowFilter;
  /** Fields the role may change; the id and the audit timestamps always may be. */
  fields: 'all' | readonly string[];
  create: boolean;
  delete: boolean;
  /** Fields that must name the sender on every write: the row is the sender's own (ownership.ts). */
  owner?: OwnerFields;
  /**
   * Test sessions only: a session this role creates must name an invitation
   * (assessment_token_id) of the session's candidate for its assessment. For
   * those who take exams (candidates, stations), not for the staff who fix them.
   */
  needsInvitation?: true;
}

/** Fields a role receives only on the rows that match `until`. */
export interface Withhold {
  fields: readonly string[];
  until: RowFilter;
}

export interface KindRule {
  pull: RowFilter;
  strip?: readonly string[];
  withhold?: readonly Withhold[];
  push?: PushRule;
}

export type RoleTable = Partial<Record<Kind, KindRule>>;

/*
 * A candidate receives the questions of the assessments they may take now:
 * those of an open invitation of theirs (not used yet) and those of their
 * own sessions still running. Never the answer key, never the rest of the
 * bank: the questions of an assessment nobody invited them to are not theirs
 * to read ahead.
 */
const openInvitations = and(eq('candidate_email', self.email), eq('is_used', false));
const invitedAssessments = and(
  eq('is_published', true),
  within('assessment_id', 'assessment_token', 'assessment_id', openInvitations),
);
const runningSessions = and(ownSessions, eq('is_completed', false));
const candidateQuestions = or(
  within('question_set_id', 'assessment', 'question_set_id', invitedAssessments),
  within('jd_id', 'assessment', 'jd_id', invitedAssessments),
  within('question_set_id', 'test_session', 'question_set_id', runningSessions),
  within('jd_id', 'test_session', 'jd_id', runningSessions),
);

const candidate: RoleTable = {
  ...personal,
  // Every set's skill, level and size (no question in it): the exam screen names a session's set.
  question_set: readOnly,
  // Exam stations never receive the answer key.
  question: { pull: candidateQuestions, strip: ['correct_answer'] },
  assessment: { pull: eq('is_published', true) },
  // Read-only: an invitation becomes used by the server's rule, when a session naming it arrives
  // (src-server/sync/token-reuse.ts); a device that could write is_used could also reopen it.
  assessment_token: {
    pull: eq('candidate_email', self.email),
    // Stations check an invitation by its hash; the plaintext stays with recruiters.
    strip: ['token'],
  },
  test_session: {
    pull: ownSessions,
    // The score reaches the station once released (src-server/sync/score-release.ts), not when computed.
    withhold: [{ fields: ['correct_answers', 'score_percentage'], until: present('score_released_at') }],
    // On their own device no proctor is present: extra time, the review flag and
    // the station stamp are for proctors and stations to set, not the candidate.
    // The question list is the server's to derive (serverDerived), and the session
    // names the candidate in both identity fields (ownership.ts).
    push: {
      rows: ownSessions,
      fields: entities.test_session.fields.filter(
        (f) => !['extra_time_seconds', 'needs_review', 'review_reason', 'station_id'].includes(f),
      ),
      create: true,
      delete: false,
      owner: { user_id: { names: 'id', optional: true }, candidate_email: { names: 'email' } },
      needsInvitation: true,
    },
  },
  ...examRecordRules(inOwnSession),
  candidate: {
    pull: ownCandidateProfile,
    push: {
      rows: ownCandidateProfile,
      fields: [
        'full_name',
        'email',
        'phone',
        'current_role',
        'location',
        'education',
        'linkedin_url',
        'github_url',
        'portfolio_url',
        'experience_level',
        'experience_years',
        'skills',
        'availability_percentage',
      ],
      create: true,
      delete: false,
    },
  },
  uploaded_document: { pull: mine, push: { rows: mine, fields: 'all', create: true, delete: true } },
  assessment_application: {
    pull: ownApplications,
    push: {
      rows: ownApplications,
      fields: [
        'candidate_id',
        'assessment_id',
        'test_session_id',
        'applied_at',
        'started_at',
        'completed_at',
        'candidate_availability',
        'submitted_skills',
        'role_applied_for',
      ],
      create: true,
      delete: false,
    },
  },
};

/*
 * Recruiters run the whole pipeline, so their `pull: 'all'` cells stay, each
 * for a reason: every candidate, application, document, match, requisition
 * and interview (they source, move and schedule across requisitions; the
 * domain model has no per-requisition recruiter assignment yet); the staff
 * directory (hiring managers, interviewers); the catalogues and the question
 * bank (they compose assessments from it, answer key included: they write
 * questions); every assessment and invitation (they invite); sessions and
 * proctoring events read-only (results and proctoring outcomes on the
 * pipeline); feedback read-only (the debrief).
 */
const recruiter: RoleTable = {
  ...personal,
  user: { pull: 'all', withhold: [ownPinOnly], push: staffDirectory.push! },
  skill: readOnly,
  role: readOnly,
  job_description: full,
  question_set: readOnly,
  question: readOnly,
  assessment: full,
  // Recruiters invite; whether an invitation is used is the server's rule, or an admin's revocation.
  assessment_token: {
    pull: 'all',
    push: {
      rows: 'all',
      fields: entities.assessment_token.fields.filter((f) => f !== 'is_used' && f !== 'used_at'),
      create: true,
      delete: true,
    },
  },
  test_session: readOnly,
  proctoring_event: readOnly,
  candidate: full,
  uploaded_document: full,
  skill_match: full,
  assessment_application: full,
  application_note: { pull: visibleNotes, push: ownNotes },
  job_requisition: full,
  interview_session: full,
  interview_feedback: readOnly,
};

/*
 * Proctors sign stations in for any published assessment and review any
 * session's events, so these stay `pull: 'all'`: assessments (station set-up
 * lists them), invitations without the code (whether a session's invitation
 * was used twice), questions without the answer key (the question on screen),
 * sessions, answers (the candidate's choice, in their order) and events, and
 * candidates (names on the review screen).
 */
const proctor: RoleTable = {
  ...personal,
  user: { ...staffDirectory, push: ownAccountWithPin },
  assessment: readOnly,
  assessment_token: { pull: 'all', strip: ['token'] },
  // The review screen shows the question that was on screen; never the answer key.
  question: { pull: 'all', strip: ['correct_answer'] },
  // A proctor may flag a whole session for follow-up, nothing else of it.
  test_session: {
    pull: 'all',
    push: { rows: 'all', fields: ['needs_review', 'review_reason'], create: false, delete: false },
  },
  answer: readOnly,
  proctoring_event: {
    pull: 'all',
    push: {
      rows: 'all',
      fields: ['reviewed', 'reviewed_by', 'reviewed_at', 'reviewer_notes', 'flagged'],
      create: false,
      delete: false,
    },
  },
  candidate: readOnly,
};

const everyReplicatedKind: RoleTable = {
  skill: full,
  role: full,
  job_description: full,
  question_set: full,
  question: full,
  assessment: full,
  assessment_token: full,
  test_session: full,
  answer: full,
  proctoring_event: full,
  candidate: full,
  uploaded_document: full,
  skill_match: full,
  assessment_application: full,
  application_note: full,
  job_requisition: full,
  interview_session: full,
  interview_feedback: full,
};

/** Notifications stay personal even for admins, who may still send them to anyone. */
const adminInbox: RoleTable = {
  notification: { pull: mine, push: anyRow() },
  admin_settings: personal.admin_settings!,
};

// Admins and super admins administer every replicated kind: every row, by design.
const admin: RoleTable = {
  ...everyReplicatedKind,
  ...adminInbox,
  // Admins manage accounts but cannot touch or create super admins. They see PIN
  // verifiers only where they could overwrite them anyway (their own included).
  user: {
    pull: 'all',
    withhold: [{ fields: ['proctor_pin_hash'], until: ne('role', 'super_admin') }],
    push: { rows: ne('role', 'super_admin'), fields: 'all', create: true, delete: true },
  },
};

const superAdmin: RoleTable = {
  ...everyReplicatedKind,
  ...adminInbox,
  // Super admins manage every account, PIN verifiers included.
  user: full,
};

export const permissionTable: Record<PrincipalRole, RoleTable> = {
  candidate,
  recruiter,
  interviewer,
  proctor,
  admin,
  super_admin: superAdmin,
  // Exam stations: a principal next to the roles (station-table.ts).
  station,
};
