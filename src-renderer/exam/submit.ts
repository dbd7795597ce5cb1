import type { Doc } from '@shared/domain/registry';
import { durationSeconds } from '@shared/exam/deadline';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { ExamError } from './exam-errors';

/*
 * Submitting: the session is completed, with its end and duration, and from
 * then on nothing about it changes on this station. Submitting twice (a
 * click racing the timer) is harmless: the second sees it completed.
 */
export async function submitExam(
  db: AppDatabase,
  sessionId: string,
  durationMinutes: number,
  now: () => Date = () => new Date(),
): Promise<Doc<'test_session'>> {
  const sessions = repo(db, 'test_session', now);
  const session = await sessions.get(sessionId);
  if (!session) throw new ExamError('not_found', 'This exam session is not on this station.');
  if (session.is_completed) return session;
  const at = now();
  const completed = await sessions.update(sessionId, {
    is_completed: true,
    completed_at: at.toISOString(),
    duration_seconds: durationSeconds(session, durationMinutes, at.getTime()),
  });
  if (session.application_id) {
    const applications = repo(db, 'assessment_application', now);
    const application = await applications.get(session.application_id);
    if (application && !application.completed_at) {
      const advance = completed.station_id && ['pending', 'in_progress'].includes(application.status);
      await applications.update(application.application_id, {
        completed_at: completed.completed_at!,
        ...(advance ? { status: 'completed' as const } : {}),
      });
    }
  }
  return completed;
}
