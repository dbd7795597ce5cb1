import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainValidationError } from '../../src-shared/storage/stored-doc';
import type { AppDatabase } from '../../src-renderer/db/database';
import { repo } from '../../src-renderer/db/repository';
import { firstSeeded, freshDb } from './helpers';

let db: AppDatabase;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainValidationError);
  return (error as DomainValidationError).errors;
}

describe('unique constraints hold in storage, by construction', () => {
  it('one answer per (session, question)', async () => {
    const answers = repo(db, 'answer');
    await answers.create({ session_id: 's1', question_id: 'q1', selected_answer: 'A', time_taken_seconds: 5 });
    const errors = await refusal(
      answers.create({ session_id: 's1', question_id: 'q1', selected_answer: 'B', time_taken_seconds: 9 }),
    );
    expect(errors[0]).toMatchObject({ field: 'session_id', rule: 'unique' });
    await answers.create({ session_id: 's1', question_id: 'q2', time_taken_seconds: 1 });
    expect(await answers.count()).toBe(2);
    expect((await answers.find({ selector: { question_id: 'q1' } }))[0]?.selected_answer).toBe('A');
  });

  it('a document forged with a free id is refused, so the constraint cannot be dodged', async () => {
    const forged = { ...firstSeeded('answer'), id: 'my-own-id' };
    const errors = await refusal(repo(db, 'answer').insertDocument(forged));
    expect(errors).toContainEqual(expect.objectContaining({ field: 'id', rule: 'derived_id' }));
  });

  it('one application per (candidate, assessment)', async () => {
    const apps = repo(db, 'assessment_application');
    const input = { candidate_id: 'c1', assessment_id: 'a1', applied_at: '2026-11-01T10:00:00.000Z' };
    await apps.create(input);
    await refusal(apps.create({ ...input, applied_at: '2026-11-02T10:00:00.000Z' }));
    await apps.create({ ...input, assessment_id: 'a2' });
    expect(await apps.count()).toBe(2);
  });

  it('one feedback per interview', async () => {
    const feedback = repo(db, 'interview_feedback');
    await feedback.create({ interview_id: 'i1', interviewer_id: 'u1', overall_rating: 4, recommendation: 'hire' });
    await refusal(
      feedback.create({ interview_id: 'i1', interviewer_id: 'u2', overall_rating: 2, recommendation: 'no_hire' }),
    );
  });

  it('unique emails, whatever their case or surrounding blanks', async () => {
    const users = repo(db, 'user');
    await users.create({ email: 'ada@example.com', full_name: 'Ada', role: 'recruiter' });
    await refusal(users.create({ email: ' ADA@Example.com', full_name: 'Imposter', role: 'admin' }));
    expect((await users.find()).map((u) => u.full_name)).toEqual(['Ada']);
  });

  it('unique invitation tokens', async () => {
    const tokens = repo(db, 'assessment_token');
    const token = { ...firstSeeded('assessment_token') };
    await tokens.insertDocument(token);
    await refusal(tokens.insertDocument({ ...token, candidate_email: 'someone.else@example.com' }));
  });

  it('unique skill names and role names, but a skill and a role may share one', async () => {
    await repo(db, 'skill').create({ name: 'Rust', category: 'technical' });
    await refusal(repo(db, 'skill').create({ name: ' rust ', category: 'tool' }));
    await repo(db, 'role').create({ name: 'Rust' });
    await refusal(repo(db, 'role').create({ name: 'RUST' }));
    expect(await repo(db, 'skill').count()).toBe(1);
    expect(await repo(db, 'role').count()).toBe(1);
  });
});
