import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../../src-renderer/db/database';
import { importSeed } from '../../src-renderer/db/demo';
import { relations, withComputed } from '../../src-renderer/db/relations';
import { repo } from '../../src-renderer/db/repository';
import { FIXED_NOW, freshDb, seed } from './helpers';

let db: AppDatabase;
beforeAll(async () => {
  db = await freshDb();
  await importSeed(db, seed);
});
afterAll(() => db.close());

describe('relationships', () => {
  it('resolve single references through RxDB population, across grouped collections', async () => {
    const app = seed.docs.assessment_application![0]!;
    const doc = await repo(db, 'assessment_application').rxDocument(app.application_id);
    const candidate = await doc!.populate('candidate_id');
    expect(candidate.full_name).toBe(seed.docs.candidate!.find((c) => c.candidate_id === app.candidate_id)!.full_name);
    const assessment = await doc!.populate('assessment_id');
    expect(assessment.title).toBeTruthy();

    const question = await repo(db, 'question').rxDocument(seed.docs.question![0]!.id);
    const set = await question!.populate('question_set_id');
    expect(set.kind).toBe('question_set');
  });

  it('resolve one-to-many through helper queries', async () => {
    const session = seed.docs.test_session!.find((s) => s.is_completed)!;
    const answers = await relations.answersOfSession(db, session.session_id);
    expect(answers.length).toBe(session.total_questions);
    expect(new Set(answers.map((a) => a.question_id))).toEqual(new Set(session.question_ids));

    const events = await relations.eventsOfSession(db, session.session_id);
    expect(events.map((e) => e.detected_at)).toEqual([...events.map((e) => e.detected_at)].sort());

    const interview = seed.docs.interview_feedback![0]!;
    expect((await relations.feedbackOfInterview(db, interview.interview_id))?.feedback_id).toBe(interview.feedback_id);

    const user = seed.accounts.find((a) => a.role === 'recruiter')!;
    const unread = await relations.unreadNotifications(db, user.id);
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.every((n) => !n.is_read && n.user_id === user.id)).toBe(true);
  });

  it('compute Assessment.is_expired from expires_at', async () => {
    const views = (await repo(db, 'assessment').find()).map((a) => withComputed(a, FIXED_NOW));
    expect(views.filter((a) => a.is_expired)).toHaveLength(1);
    const expired = views.find((a) => a.is_expired)!;
    expect(Date.parse(expired.expires_at!)).toBeLessThanOrEqual(FIXED_NOW.getTime());
  });

  it('answer the screens’ queries from the composite indexes', async () => {
    const explain = (collection: 'proctoring_events' | 'inbox' | 'test_sessions', selector: object) =>
      (db.collections[collection].find({ selector } as never).getPreparedQuery() as { queryPlan: { index: string[] } })
        .queryPlan.index;
    expect(explain('proctoring_events', { test_session_id: 'x', severity: 'high' })).toEqual([
      '_deleted',
      'test_session_id',
      'severity',
      'pk',
    ]);
    expect(explain('inbox', { kind: 'notification', user_id: 'u', is_read: false })).toEqual([
      '_deleted',
      'kind',
      'user_id',
      'is_read',
      'pk',
    ]);
    expect(explain('test_sessions', { user_id: 'u', created_at: { $gt: '2026' } })).toEqual([
      '_deleted',
      'user_id',
      'created_at',
      'pk',
    ]);
  });
});
