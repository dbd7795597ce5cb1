import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src-shared/domain/ids';
import type { Kind } from '../../src-shared/domain/registry';
import { expectedId } from '../../src-shared/storage/stored-doc';
import type { WireDoc } from '../../src-shared/sync/wire';

/* Valid documents of each kind, in wire form, for tests to vary. */

const T0 = '2026-03-01T09:00:00.000Z';
const audit = { created_at: T0, updated_at: T0 };

function wire(kind: Kind, idField: string, fields: Record<string, unknown>): WireDoc {
  const id = fields[idField] as string;
  return { ...fields, pk: id, kind, _deleted: false } as WireDoc;
}

export const newId = () => randomUUID();

export function questionSet(over: Record<string, unknown> = {}): WireDoc {
  return wire('question_set', 'question_set_id', {
    question_set_id: newId(),
    skill: 'SQL',
    level: 'beginner',
    total_questions: 1,
    ...audit,
    ...over,
  });
}

export function question(setId: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('question', 'id', {
    id: newId(),
    question_text: 'What does SELECT do?',
    options: [
      { key: 'A', text: 'Reads rows' },
      { key: 'B', text: 'Deletes rows' },
    ],
    correct_answer: 'A',
    question_set_id: setId,
    difficulty: 'easy',
    ...audit,
    ...over,
  });
}

export function testSession(owner: { id: string; email: string }, over: Record<string, unknown> = {}): WireDoc {
  return wire('test_session', 'session_id', {
    session_id: newId(),
    user_id: owner.id,
    candidate_name: 'Cand Idate',
    candidate_email: owner.email,
    question_ids: [],
    started_at: T0,
    total_questions: 2,
    is_completed: false,
    is_scored: false,
    ...audit,
    ...over,
  });
}

export function answer(sessionId: string, questionId: string, over: Record<string, unknown> = {}): WireDoc {
  const id = expectedId('answer', { session_id: sessionId, question_id: questionId } as never)!;
  return wire('answer', 'id', {
    id,
    session_id: sessionId,
    question_id: questionId,
    selected_answer: 'A',
    time_taken_seconds: 5,
    ...audit,
    ...over,
  });
}

export function proctoringEvent(sessionId: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('proctoring_event', 'event_id', {
    event_id: newId(),
    test_session_id: sessionId,
    event_type: 'tab_switch',
    severity: 'medium',
    detected_at: T0,
    duration_seconds: 1.5,
    metadata: { screen: 2, zeta: 'z', alpha: ['a'] },
    reviewed: false,
    flagged: false,
    ...audit,
    ...over,
  });
}

export function assessment(createdBy: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('assessment', 'assessment_id', {
    assessment_id: newId(),
    title: 'Backend exam',
    required_skills: [],
    required_roles: [],
    assessment_method: 'questionnaire',
    duration_minutes: 60,
    is_questionnaire_enabled: true,
    is_interview_enabled: false,
    is_proctored: true,
    is_active: true,
    is_published: true,
    created_by: createdBy,
    ...audit,
    ...over,
  });
}

export function assessmentToken(
  assessmentId: string,
  createdBy: string,
  candidateEmail: string,
  token = `TOKEN-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
): WireDoc {
  const tokenHash = sha256Hex(token);
  const id = expectedId('assessment_token', { token_hash: tokenHash } as never)!;
  return wire('assessment_token', 'id', {
    id,
    token,
    token_hash: tokenHash,
    assessment_id: assessmentId,
    candidate_email: candidateEmail,
    expires_at: '2026-12-31T00:00:00.000Z',
    is_used: false,
    created_by: createdBy,
    ...audit,
  });
}

export function notification(userId: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('notification', 'notification_id', {
    notification_id: newId(),
    user_id: userId,
    notification_type: 'system',
    title: 'Hello',
    message: 'Welcome',
    is_read: false,
    is_archived: false,
    priority: 'normal',
    ...audit,
    ...over,
  });
}

export function adminSettings(userId: string, settings: Record<string, unknown> = {}): WireDoc {
  const id = expectedId('admin_settings', { user_id: userId } as never)!;
  return wire('admin_settings', 'id', { id, user_id: userId, settings, ...audit });
}

export function interview(interviewerId: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('interview_session', 'interview_id', {
    interview_id: newId(),
    interview_type: 'technical',
    interview_mode: 'video',
    candidate_id: newId(),
    scheduled_at: '2026-03-10T10:00:00.000Z',
    duration_minutes: 60,
    timezone: 'UTC',
    interviewer_id: interviewerId,
    additional_interviewers: [],
    status: 'scheduled',
    question_guide: [],
    reminder_sent: false,
    ...audit,
    ...over,
  });
}

export function skill(name: string, over: Record<string, unknown> = {}): WireDoc {
  const id = expectedId('skill', { name } as never)!;
  return wire('skill', 'skill_id', { skill_id: id, name, category: 'technical', is_active: true, ...audit, ...over });
}

/** The same document as the next version a client would push. */
export function edited(doc: WireDoc, changes: Record<string, unknown>): WireDoc {
  return {
    ...doc,
    ...changes,
    updated_at: new Date(Date.parse(doc.updated_at as string) + 1000).toISOString(),
  } as WireDoc;
}

export function feedback(interviewId: string, interviewerId: string, over: Record<string, unknown> = {}): WireDoc {
  const id = expectedId('interview_feedback', { interview_id: interviewId } as never)!;
  return wire('interview_feedback', 'feedback_id', {
    feedback_id: id,
    interview_id: interviewId,
    interviewer_id: interviewerId,
    overall_rating: 3.5,
    recommendation: 'maybe',
    skills_evaluated: {},
    questions_asked: [],
    requires_second_round: false,
    is_final: false,
    ...audit,
    ...over,
  });
}

export function candidateProfile(email: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('candidate', 'candidate_id', {
    candidate_id: newId(),
    full_name: 'Cand Idate',
    email,
    skills: [],
    ...audit,
    ...over,
  });
}

export function applicationNote(authorId: string, over: Record<string, unknown> = {}): WireDoc {
  return wire('application_note', 'note_id', {
    note_id: newId(),
    application_id: newId(),
    author_id: authorId,
    note_text: 'Strong SQL',
    note_type: 'general',
    is_private: false,
    ...audit,
    ...over,
  });
}

/** A timestamp `minutes` after the fixtures' T0. */
export const afterT0 = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
