import type { Kind } from '../domain/registry';

/*
 * The client storage layout: which entity lives in which RxDB collection.
 * Design note: docs/storage-layout.md. In short, open-source RxDB allows 14
 * open collections per JavaScript realm and the domain has 24 entities, so:
 * - server-only entities never reach a device (refresh tokens, LLM extraction
 *   logs, background tasks);
 * - entities that share an aggregate and a sync scope share a collection,
 *   told apart by the `kind` field, each still validated by its own schema;
 * - a window opens only the collections its role needs.
 * Every entity still has its own table on the server.
 */

export interface CollectionLayout {
  /** Entities stored here; a document's `kind` says which one it is. */
  kinds: readonly Kind[];
  /**
   * Indexes, by entity field names. For collections holding several kinds,
   * `kind` is prepended to every index, so each one serves one entity's queries.
   */
  indexes: readonly (string | readonly string[])[];
  /**
   * Schema history, oldest first: each step is one version bump and names the
   * fields it added to an entity, with the value documents written before it
   * get. The collection's version is the number of steps. Never edit a step
   * that has shipped: append a new one.
   */
  history: readonly SchemaStep[];
  /** Why these kinds share a collection. */
  why: string;
}

export interface SchemaStep {
  kind: Kind;
  added: Readonly<Record<string, unknown>>;
  /** A field the step added that may stay absent (optional) has the value `undefined`. */
  reference: string;
}

export const collectionLayout = {
  users: {
    kinds: ['user'],
    indexes: ['email', 'role'],
    history: [
      {
        kind: 'user',
        added: {
          login_streak: 0,
          max_login_streak: 0,
          last_login_date: undefined,
          quiz_streak: 0,
          max_quiz_streak: 0,
          last_quiz_date: undefined,
        },
        reference: '003_add_user_streaks',
      },
      { kind: 'user', added: { proctor_pin_hash: undefined }, reference: '004_exam_stations' },
    ],
    why: 'Accounts: pulled per role (admins all, others only the people they work with).',
  },
  catalog: {
    kinds: ['skill', 'role'],
    indexes: ['name'],
    history: [],
    why: 'Small master catalogues, read by all staff and written by admins: one sync scope.',
  },
  question_bank: {
    kinds: ['job_description', 'question_set', 'question'],
    indexes: ['question_set_id', 'jd_id', 'created_at'],
    history: [],
    why: 'The content assessments draw from; written by admins, read by stations without correct answers.',
  },
  assessments: {
    kinds: ['assessment', 'assessment_token'],
    indexes: ['is_published', 'assessment_id', 'token_hash'],
    history: [],
    why: 'An assessment and its invitation tokens form one aggregate, written by recruiters and admins.',
  },
  test_sessions: {
    kinds: ['test_session'],
    indexes: ['created_at', ['user_id', 'created_at'], 'assessment_id', 'candidate_email'],
    history: [
      { kind: 'test_session', added: { question_set_id: undefined }, reference: '002_add_questionset_to_test_session' },
      {
        kind: 'test_session',
        added: {
          assessment_token_id: undefined,
          application_id: undefined,
          station_id: undefined,
          extra_time_seconds: undefined,
          needs_review: undefined,
          review_reason: undefined,
        },
        reference: '004_exam_stations',
      },
    ],
    why: 'High-volume, written by exam stations, scored by the server.',
  },
  answers: {
    kinds: ['answer'],
    indexes: ['session_id'],
    history: [],
    why: 'The busiest collection during an exam: each answer replicates on its own.',
  },
  proctoring_events: {
    kinds: ['proctoring_event'],
    indexes: [['test_session_id', 'severity'], 'detected_at', 'flagged'],
    history: [],
    why: 'Append-only from stations, reviewed by proctors: its own scope and conflict rule.',
  },
  candidates: {
    kinds: ['candidate', 'uploaded_document', 'skill_match'],
    indexes: ['email', 'candidate_id', 'created_at'],
    history: [],
    why: "A candidate's profile, files and the skill matches run on those files.",
  },
  applications: {
    kinds: ['assessment_application', 'application_note'],
    indexes: ['candidate_id', 'assessment_id', 'application_id', 'status'],
    history: [],
    why: 'An application and the notes on it: pulled by the recruiters who own the requisition.',
  },
  requisitions: {
    kinds: ['job_requisition'],
    indexes: ['status', 'created_by', 'created_at'],
    history: [],
    why: 'Owned by recruiters; metrics are computed by the server.',
  },
  interviews: {
    kinds: ['interview_session', 'interview_feedback'],
    indexes: ['scheduled_at', ['interviewer_id', 'scheduled_at'], 'interview_id', 'candidate_id'],
    history: [],
    why: 'An interview and its single feedback, pulled by the interviewers assigned to it.',
  },
  inbox: {
    kinds: ['notification', 'admin_settings'],
    indexes: [
      ['user_id', 'is_read'],
      ['user_id', 'created_at'],
    ],
    history: [],
    why: 'What belongs to one user alone: pulled only by that user.',
  },
} as const satisfies Record<string, CollectionLayout>;

export type CollectionName = keyof typeof collectionLayout;
export const collectionNames = Object.keys(collectionLayout) as CollectionName[];

/** Entities that live only on the server, and why. */
export const serverOnly = {
  refresh_token: 'A device holds only its own refresh token, in the OS keychain; the table is the server’s.',
  extraction_log: 'Written by server-side LLM jobs; an audit trail an admin reads online.',
  background_task: 'Tracks server jobs; meaningless on an offline device.',
} as const satisfies Partial<Record<Kind, string>>;

/** Headroom under RxDB's open-source limit of 14 collections per realm. */
export const MAX_OPEN_COLLECTIONS = 12;

/** Which collections each role's window opens. */
export const collectionsByRole = {
  candidate: [
    'question_bank',
    'assessments',
    'test_sessions',
    'answers',
    'proctoring_events',
    'candidates',
    'applications',
  ],
  recruiter: [
    'users',
    'catalog',
    'question_bank',
    'assessments',
    'test_sessions',
    'proctoring_events',
    'candidates',
    'applications',
    'requisitions',
    'interviews',
    'inbox',
  ],
  interviewer: ['users', 'catalog', 'candidates', 'applications', 'requisitions', 'interviews', 'inbox'],
  proctor: [
    'users',
    'question_bank',
    'assessments',
    'test_sessions',
    'answers',
    'proctoring_events',
    'candidates',
    'inbox',
  ],
  admin: collectionNames,
  super_admin: collectionNames,
  // An exam station's bundle and what its exams write (src-shared/permissions/station-table.ts).
  station: [
    'users',
    'question_bank',
    'assessments',
    'test_sessions',
    'answers',
    'proctoring_events',
    'candidates',
    'applications',
  ],
} as const satisfies Record<string, readonly CollectionName[]>;

const collectionOfKind = new Map<Kind, CollectionName>();
for (const name of collectionNames) {
  for (const kind of collectionLayout[name].kinds) collectionOfKind.set(kind, name);
}

export function collectionFor(kind: Kind): CollectionName | undefined {
  return collectionOfKind.get(kind);
}

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(collectionLayout, value);
}
