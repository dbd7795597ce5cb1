import { sha256Hex } from '@shared/domain/ids';
import { expectedId } from '@shared/storage/stored-doc';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';

/** A station database holding one assessment, its questions (no answer key), a candidate and an invitation. */
export async function seedExam(
  db: AppDatabase,
  options: { questions?: number; durationMinutes?: number; isProctored?: boolean; tokenUsed?: boolean } = {},
) {
  const set = await repo(db, 'question_set').create({ skill: 'SQL', level: 'beginner', total_questions: 0 });
  const questionCount = options.questions ?? 4;
  const questions = [];
  for (let i = 0; i < questionCount; i++) {
    questions.push(
      await repo(db, 'question').create({
        question_text: `Question ${i + 1} about SQL?`,
        options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `Q${i + 1} option ${key}` })),
        question_set_id: set.question_set_id,
      }),
    );
  }
  const assessment = await repo(db, 'assessment').create({
    title: 'SQL basics',
    duration_minutes: options.durationMinutes ?? 10,
    question_set_id: set.question_set_id,
    is_proctored: options.isProctored ?? false,
    is_published: true,
    created_by: 'usr_admin',
  });
  const candidate = await repo(db, 'candidate').create({ full_name: 'Cara Mensah', email: 'cara@example.test' });
  const application = await repo(db, 'assessment_application').create({
    candidate_id: candidate.candidate_id,
    assessment_id: assessment.assessment_id,
    applied_at: '2026-11-01T00:00:00.000Z',
  });
  const tokenHash = sha256Hex('TEST-TOKEN-0001');
  const token = await repo(db, 'assessment_token').insertDocument({
    id: expectedId('assessment_token', { token_hash: tokenHash })!,
    token_hash: tokenHash,
    assessment_id: assessment.assessment_id,
    candidate_email: candidate.email,
    expires_at: '2099-01-01T00:00:00.000Z',
    is_used: options.tokenUsed ?? false,
    created_by: 'usr_recruiter',
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  });
  return {
    set,
    questions,
    assessment,
    candidate,
    application,
    token,
    invitation: { applicationId: application.application_id, tokenId: token.id },
  };
}
