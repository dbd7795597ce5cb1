import { entities, type Kind } from '../domain/registry';
import type { PrincipalRole } from './principal';
import { examRecordRules, station } from './station-table';
import type { OwnerFields } from './ownership';
import { and, contains, eq, ne, or, present, self, within, type RowFilter } from './row-filter';

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

const anyRow = (extra: Partial<PushRule> = {}): PushRule => ({
  rows: 'all',
  fields: 'all',
  create: true,
  delete: true,
  ...extra,
});
const readOnly: KindRule = { pull: 'all' };
const full: KindRule = { pull: 'all', push: anyRow() };

const mine = eq('user_id', self.id);
const ownSessions = or(eq('user_id', self.id), eq('candidate_email', self.email));
const inOwnSession = (field: string) => within(field, 'test_session', 'session_id', ownSessions);
const ownCandidateProfile = eq('email', self.email);
const ownApplications = within('candidate_id', 'candidate', 'candidate_id', ownCandidateProfile);
const assignedInterviews = or(eq('interviewer_id', self.id), contains('additional_interviewers', self.id));
const visibleNotes = or(eq('is_private', false), eq('author_id', self.id));
const ownNotes: PushRule = { rows: eq('author_id', self.id), fields: 'all', create: true, delete: true };

/**
 * A proctor's PIN verifier goes to its owner and to exam stations only: anyone
 * else holding it could brute-force a short PIN offline.
 */
const ownPinOnly: Withhold = { fields: ['proctor_pin_hash'], until: eq('id', self.id) };
/** Staff who may unlock an exam station set their own PIN. */
const ownAccountWithPin: PushRule = {
  rows: eq('id', self.id),
  fields: ['full_name', 'proctor_pin_hash'],
  create: false,
  delete: false,
};

/** What every signed-in user has: their own account, inbox and settings. */
const personal: RoleTable = {
  user: {
    pull: eq('id', self.id),
    push: { rows: eq('id', self.id), fields: ['full_name'], create: false, delete: false },
  },
  notification: {
    pull: mine,
    push: { rows: mine, fields: ['is_read', 'read_at', 'is_archived'], create: false, delete: false },
  },
  admin_settings: { pull: mine, push: { rows: mine, fields: 'all', create: true, delete: false } },
};

/** Staff see each other (to assign interviews, reviews) but not candidates' accounts. */
const staffDirectory: KindRule = {
  pull: or(ne('role', 'candidate'), eq('id', self.id)),
  withhold: [ownPinOnly],
  push: personal.user!.push!,
};

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

const interviewer: RoleTable = {
  ...personal,
  user: staffDirectory,
  skill: readOnly,
  role: readOnly,
  candidate: readOnly,
  uploaded_document: readOnly,
  skill_match: readOnly,
  assessment_application: readOnly,
  application_note: { pull: visibleNotes, push: ownNotes },
  job_requisition: readOnly,
  interview_session: {
    pull: assignedInterviews,
    push: {
      rows: assignedInterviews,
      fields: [
        'status',
        'started_at',
        'ended_at',
        'actual_duration_minutes',
        'preparation_notes',
        'question_guide',
        'meeting_notes',
        'cancellation_reason',
      ],
      create: false,
      delete: false,
    },
  },
  interview_feedback: {
    pull: eq('interviewer_id', self.id),
    push: {
      rows: and(
        eq('interviewer_id', self.id),
        within('interview_id', 'interview_session', 'interview_id', assignedInterviews),
      ),
      fields: 'all',
      create: true,
      delete: false,
    },
  },
};

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
