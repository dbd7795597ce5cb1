import { z } from 'zod';
import { defineEntity } from '../entity';
import { auditFields, count, email, id, optionalText, percentage, ref, shortText, timestamp } from '../fields';

export const TestSession = defineEntity({
  name: 'test_session',
  idField: 'session_id',
  shape: {
    session_id: id(),
    user_id: ref('users').optional(),
    candidate_name: shortText(200),
    candidate_email: email(),
    assessment_id: ref('assessments').optional(),
    question_set_id: ref('question_bank').optional(),
    jd_id: ref('question_bank').optional(),
    // The per-session shuffled order, fixed at start so that a resume shows the same exam.
    question_ids: z.array(id()).max(500),
    started_at: timestamp(),
    completed_at: timestamp().optional(),
    duration_seconds: count(7 * 24 * 3600).optional(),
    total_questions: count(500),
    correct_answers: count(500).optional(),
    score_percentage: percentage().optional(),
    is_completed: z.boolean(),
    is_scored: z.boolean(),
    score_released_at: timestamp().optional(),
    // Exam stations (step 004). The invitation this session was opened with, and the
    // application it belongs to: a token is single-use, and the server settles a
    // token two offline stations both accepted (src-server/sync/token-reuse.ts).
    assessment_token_id: ref('assessments').optional(),
    application_id: ref('applications').optional(),
    station_id: id().optional(),
    // Granted by a proctor; the deadline is started_at + the assessment's duration + this
    // (absent: none).
    extra_time_seconds: count(24 * 3600).optional(),
    // Follow-up wanted: a proctor's call, or the server's when a token was reused (absent: no).
    needs_review: z.boolean().optional(),
    review_reason: optionalText(2000).optional(),
    ...auditFields,
  },
  defaults: { is_completed: false, is_scored: false, question_ids: [] },
  serverOwned: ['correct_answers', 'score_percentage', 'is_scored', 'score_released_at'],
  // The server composes a session from its assessment (src-shared/exam/session-composition.ts):
  // a candidate never chooses which questions a session scores.
  serverDerived: ['question_set_id', 'jd_id', 'question_ids', 'total_questions'],
  immutable: ['assessment_id', 'question_set_id', 'jd_id', 'started_at', 'assessment_token_id', 'station_id'],
  refine(doc, ctx) {
    if (doc.completed_at && doc.completed_at < doc.started_at)
      ctx.addIssue({ code: 'custom', path: ['completed_at'], message: 'must not be before started_at' });
    if (doc.is_completed && !doc.completed_at)
      ctx.addIssue({ code: 'custom', path: ['completed_at'], message: 'is required once is_completed is true' });
  },
});

export const Answer = defineEntity({
  name: 'answer',
  idField: 'id',
  // One answer per (session, question), by construction.
  uniqueBy: ['session_id', 'question_id'],
  shape: {
    id: id(),
    session_id: ref('test_sessions'),
    question_id: ref('question_bank'),
    // Absent while the candidate has cleared their choice.
    selected_answer: z
      .string()
      .regex(/^[A-Z]$/)
      .max(1)
      .optional(),
    is_correct: z.boolean().optional(),
    time_taken_seconds: count(7 * 24 * 3600),
    ...auditFields,
  },
  defaults: { time_taken_seconds: 0 },
  serverOwned: ['is_correct'],
});
