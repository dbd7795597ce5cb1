import { expectedId } from '../storage/stored-doc';
import type { Doc } from '../domain/registry';
import type { SeedBuilder } from './seed-builder';
import { TIMEZONES } from './vocabulary';

/*
 * The later stages of a candidate's pipeline: a taken exam (answers and
 * proctoring events) and an interview with feedback.
 */

export function addExam(
  b: SeedBuilder,
  app: Doc<'assessment_application'>,
  candidate: Doc<'candidate'>,
  assessment: Doc<'assessment'>,
  sets: { set: Doc<'question_set'>; qs: Doc<'question'>[] }[],
  completed: boolean,
  proctorId: string,
  userId?: string,
) {
  const r = b.r;
  const questions = sets.find((s) => s.set.question_set_id === assessment.question_set_id)!.qs;
  const startedAt = b.at(-r.int(1, 9), 10);
  const start = Date.parse(startedAt);
  let elapsed = 0;
  let correct = 0;
  const order = [...questions].sort(() => r.next() - 0.5);
  const answered = completed ? order : order.slice(0, Math.ceil(order.length / 2));
  const sessionId = r.uuid();
  for (const q of answered) {
    const took = r.int(15, 90);
    elapsed += took;
    const choice = r.chance(0.7) ? q.correct_answer! : q.options[r.int(0, q.options.length - 1)]!.key;
    if (choice === q.correct_answer) correct += 1;
    const stamp = new Date(start + elapsed * 1000).toISOString();
    b.add('answer', {
      id: expectedId('answer', { session_id: sessionId, question_id: q.id })!,
      session_id: sessionId,
      question_id: q.id,
      selected_answer: choice,
      ...(completed ? { is_correct: choice === q.correct_answer } : {}),
      time_taken_seconds: took,
      created_at: stamp,
      updated_at: stamp,
    });
  }
  const completedAt = new Date(start + (elapsed + 20) * 1000).toISOString();
  b.add('test_session', {
    session_id: sessionId,
    ...(userId ? { user_id: userId } : {}),
    candidate_name: candidate.full_name,
    candidate_email: candidate.email,
    assessment_id: assessment.assessment_id,
    question_set_id: assessment.question_set_id!,
    question_ids: order.map((q) => q.id),
    started_at: startedAt,
    total_questions: questions.length,
    is_completed: completed,
    is_scored: completed,
    ...(completed
      ? {
          completed_at: completedAt,
          duration_seconds: elapsed + 20,
          correct_answers: correct,
          score_percentage: Math.round((correct / questions.length) * 10000) / 100,
          score_released_at: completedAt,
        }
      : {}),
    created_at: startedAt,
    updated_at: completed ? completedAt : startedAt,
  });
  Object.assign(app, {
    test_session_id: sessionId,
    started_at: startedAt,
    ...(completed ? { completed_at: completedAt } : {}),
  });

  const events: [Doc<'proctoring_event'>['event_type'], Doc<'proctoring_event'>['severity'], number][] = [
    ['window_blur', 'low', 3.2],
    ['no_face', r.chance(0.5) ? 'medium' : 'high', r.int(4, 25)],
    ['multiple_faces', 'high', r.int(2, 12)],
  ];
  for (const [type, severity, duration] of events.slice(0, r.int(1, 3))) {
    const at = new Date(start + r.int(10, Math.max(11, elapsed)) * 1000).toISOString();
    const reviewed = r.chance(0.3);
    b.add('proctoring_event', {
      event_id: r.uuid(),
      test_session_id: sessionId,
      event_type: type,
      severity,
      detected_at: at,
      duration_seconds: duration,
      question_id: r.pick(answered.length ? answered : order).id,
      metadata:
        type === 'window_blur'
          ? {}
          : {
              faces: type === 'multiple_faces' ? 2 : 0,
              scores: [0.91, 0.62].slice(0, type === 'multiple_faces' ? 2 : 0),
              // Where the detector saw the faces, as fractions of the frame (the review screen draws them).
              boxes: [
                { x: 0.36, y: 0.2, width: 0.28, height: 0.4 },
                { x: 0.76, y: 0.12, width: 0.13, height: 0.19 },
              ].slice(0, type === 'multiple_faces' ? 2 : 0),
            },
      reviewed,
      ...(reviewed
        ? {
            reviewed_by: proctorId,
            reviewed_at: b.at(-1),
            reviewer_notes: 'Looked at the snapshot: a family member walked past.',
          }
        : {}),
      flagged: severity === 'high' || severity === 'critical',
      created_at: at,
      updated_at: at,
    });
  }
}

export function addInterview(
  b: SeedBuilder,
  candidate: Doc<'candidate'>,
  requisition: Doc<'job_requisition'>,
  app: Doc<'assessment_application'>,
  interviewers: string[],
  c: number,
) {
  const r = b.r;
  const past = c % 3 === 0;
  const scheduledAt = b.at(past ? -r.int(1, 6) : r.int(1, 10), r.int(8, 16));
  const [lead, other] = c % 2 ? [interviewers[1]!, interviewers[0]!] : [interviewers[0]!, interviewers[1]!];
  const interview = b.add('interview_session', {
    interview_id: r.uuid(),
    interview_type: r.pick(['technical', 'behavioral', 'cultural', 'panel'] as const),
    interview_mode: r.pick(['video', 'phone', 'in-person'] as const),
    candidate_id: candidate.candidate_id,
    requisition_id: requisition.requisition_id,
    assessment_application_id: app.application_id,
    scheduled_at: scheduledAt,
    duration_minutes: r.pick([45, 60, 90]),
    timezone: r.pick(TIMEZONES),
    interviewer_id: lead,
    additional_interviewers: c % 4 === 0 ? [other] : [],
    status: past ? 'completed' : 'scheduled',
    preparation_notes: `Review ${candidate.full_name}'s assessment result before the call.`,
    question_guide: ['Walk me through a system you designed.', 'How do you handle an incident at 3 a.m.?'],
    meeting_link: `https://meet.example.com/${r.uuid().slice(0, 8)}`,
    reminder_sent: !past,
    ...(past
      ? {
          started_at: scheduledAt,
          ended_at: new Date(Date.parse(scheduledAt) + 55 * 60_000).toISOString(),
          actual_duration_minutes: 55,
        }
      : {}),
  });
  if (!past) return;
  const overall = r.pick([2.5, 3, 3.5, 4, 4.5]);
  b.add('interview_feedback', {
    feedback_id: expectedId('interview_feedback', { interview_id: interview.interview_id })!,
    interview_id: interview.interview_id,
    interviewer_id: lead,
    overall_rating: overall,
    recommendation: overall >= 4 ? 'hire' : overall >= 3 ? 'maybe' : 'no_hire',
    technical_skills_rating: r.pick([3, 3.5, 4, 4.5]),
    communication_rating: r.pick([3, 4, 5]),
    problem_solving_rating: r.pick([3, 3.5, 4]),
    culture_fit_rating: r.pick([3, 4, 4.5]),
    skills_evaluated: Object.fromEntries(Object.keys(requisition.required_skills).map((s) => [s, r.int(2, 5)])),
    strengths: 'Clear reasoning, asks good questions.',
    weaknesses: 'Limited experience with on-call.',
    questions_asked: ['Design a URL shortener.', 'Tell me about a conflict in your team.'],
    requires_second_round: overall >= 3 && overall < 4,
    submitted_at: new Date(Date.parse(scheduledAt) + 2 * 3600_000).toISOString(),
    is_final: true,
  });
}
