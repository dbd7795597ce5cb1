import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { openTestDatabase } from '../test-support/database';
import { createAnswerWriter, answerIdOf } from './answer-writer';
import { ExamError } from './exam-errors';
import { findResumableSession } from './resume';
import { startExam } from './start-exam';
import { submitExam } from './submit';
import { seedExam } from './test-fixture';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function station() {
  db = await openTestDatabase();
  return db;
}

describe('starting an exam', () => {
  it('opens a session in a shuffled order, marks the token used and links the application', async () => {
    const db = await station();
    const exam = await seedExam(db, { questions: 6 });
    const session = await startExam(db, exam.invitation, { stationId: 'station-1' });
    expect(session.candidate_name).toBe('Cara Mensah');
    expect(session.candidate_email).toBe('cara@example.test');
    expect(session.user_id).toBeUndefined();
    expect(session.total_questions).toBe(6);
    expect([...session.question_ids].sort()).toEqual(exam.questions.map((q) => q.id).sort());
    expect(session).toMatchObject({
      assessment_id: exam.assessment.assessment_id,
      question_set_id: exam.set.question_set_id,
      assessment_token_id: exam.token.id,
      application_id: exam.application.application_id,
      station_id: 'station-1',
      is_completed: false,
    });
    // The device never marks the invitation used: the server does when the session arrives.
    expect((await repo(db, 'assessment_token').get(exam.token.id))?.is_used).toBe(false);
    const application = await repo(db, 'assessment_application').get(exam.application.application_id);
    expect(application?.test_session_id).toBe(session.session_id);
  });

  it('a second Start, even a simultaneous one, resumes the same session', async () => {
    const db = await station();
    const exam = await seedExam(db);
    const [a, b] = await Promise.all([startExam(db, exam.invitation), startExam(db, exam.invitation)]);
    expect(b.session_id).toBe(a.session_id);
    const again = await startExam(db, exam.invitation);
    expect(again.session_id).toBe(a.session_id);
    expect(await repo(db, 'test_session').count()).toBe(1);
  });

  it('after a crash between the session and the application write, Start finishes the job', async () => {
    const db = await station();
    const exam = await seedExam(db);
    const session = await startExam(db, exam.invitation);
    // As if the station died right after writing the session.
    await repo(db, 'assessment_application').update(exam.application.application_id, { test_session_id: undefined });
    const resumed = await startExam(db, exam.invitation);
    expect(resumed.session_id).toBe(session.session_id);
    const application = await repo(db, 'assessment_application').get(exam.application.application_id);
    expect(application?.test_session_id).toBe(session.session_id);
  });

  it('refuses a used token that opened no session here, and an expired one', async () => {
    const db = await station();
    const exam = await seedExam(db, { tokenUsed: true });
    await expect(startExam(db, exam.invitation)).rejects.toMatchObject({ reason: 'token_used' });
    await repo(db, 'assessment_token').update(exam.token.id, { is_used: false });
    await expect(startExam(db, exam.invitation, { now: () => new Date('2100-01-01T00:00:00Z') })).rejects.toThrow(
      'This invitation has expired.',
    );
    expect(await repo(db, 'test_session').count()).toBe(0);
  });
});

describe('answering', () => {
  it('stores the original key with the time spent, and adds time on later visits', async () => {
    const db = await station();
    const exam = await seedExam(db);
    const session = await startExam(db, exam.invitation);
    const writer = createAnswerWriter(db, session.session_id, 10);
    const q = session.question_ids[0]!;
    const saved = await writer.choose(q, 'C', 12.4);
    expect(saved).toMatchObject({
      id: answerIdOf(session.session_id, q),
      selected_answer: 'C',
      time_taken_seconds: 12,
    });
    await writer.addTime(q, 5);
    await writer.choose(q, 'A', 3);
    const stored = await repo(db, 'answer').get(answerIdOf(session.session_id, q));
    expect(stored).toMatchObject({ selected_answer: 'A', time_taken_seconds: 20 });
  });

  it('records time on a question left unanswered without inventing an answer', async () => {
    const db = await station();
    const exam = await seedExam(db);
    const session = await startExam(db, exam.invitation);
    const writer = createAnswerWriter(db, session.session_id, 10);
    await writer.addTime(session.question_ids[1]!, 7);
    const stored = await repo(db, 'answer').get(answerIdOf(session.session_id, session.question_ids[1]!));
    expect(stored?.selected_answer).toBeUndefined();
    expect(stored?.time_taken_seconds).toBe(7);
  });

  it('writes nothing once the test is submitted, or once time is up', async () => {
    const db = await station();
    const exam = await seedExam(db, { durationMinutes: 1 });
    const session = await startExam(db, exam.invitation);
    const late = createAnswerWriter(db, session.session_id, 1, () => new Date(Date.now() + 61_000));
    await expect(late.choose(session.question_ids[0]!, 'A', 1)).rejects.toMatchObject({ reason: 'time_up' });

    const writer = createAnswerWriter(db, session.session_id, 1);
    await writer.choose(session.question_ids[0]!, 'B', 1);
    const submitted = await submitExam(db, session.session_id, 1);
    expect(submitted.is_completed).toBe(true);
    expect(submitted.completed_at).toBeDefined();
    expect(submitted.duration_seconds).toBeGreaterThanOrEqual(0);
    const refused = writer.choose(session.question_ids[0]!, 'D', 1);
    await expect(refused).rejects.toBeInstanceOf(ExamError);
    await expect(refused).rejects.toMatchObject({ reason: 'submitted' });
    const stored = await repo(db, 'answer').get(answerIdOf(session.session_id, session.question_ids[0]!));
    expect(stored?.selected_answer).toBe('B');
    // Submitting again changes nothing.
    expect((await submitExam(db, session.session_id, 1)).completed_at).toBe(submitted.completed_at);
    const application = await repo(db, 'assessment_application').get(exam.application.application_id);
    expect(application?.completed_at).toBe(submitted.completed_at);
  });
});

describe('resuming after a restart', () => {
  it('offers the unfinished session this station opened, and none once submitted', async () => {
    const db = await station();
    const exam = await seedExam(db);
    expect(await findResumableSession(db, 'station-1')).toBeUndefined();
    const session = await startExam(db, exam.invitation, { stationId: 'station-1' });
    expect((await findResumableSession(db, 'station-1'))?.session.session_id).toBe(session.session_id);
    expect((await findResumableSession(db, 'station-1'))?.assessmentTitle).toBe('SQL basics');
    expect(await findResumableSession(db, 'station-2')).toBeUndefined();
    await submitExam(db, session.session_id, 10);
    expect(await findResumableSession(db, 'station-1')).toBeUndefined();
  });
});
