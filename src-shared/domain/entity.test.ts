import { describe, expect, it } from 'vitest';
import { entities, kinds } from './registry';

describe('derived validators', () => {
  it('exist for every entity: document, create, update and response', () => {
    for (const kind of kinds) {
      const e = entities[kind];
      for (const v of [e.document, e.create, e.update, e.response]) expect(typeof v.safeParse).toBe('function');
    }
  });

  it('fill defaults on create and refuse server-owned fields', () => {
    const ok = entities.job_requisition.create.parse({
      title: 'Backend Engineer',
      description: 'Build things',
      created_by: 'u1',
    });
    expect(ok).toMatchObject({ status: 'draft', positions_available: 1, is_published: false });
    const forged = entities.job_requisition.create.safeParse({
      title: 'X',
      description: 'Y',
      created_by: 'u1',
      total_hired: 99,
    });
    expect(forged.success).toBe(false);
    expect(forged.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys' });
    const scored = entities.test_session.create.safeParse({
      candidate_name: 'A',
      candidate_email: 'a@example.com',
      started_at: '2026-01-01T00:00:00.000Z',
      total_questions: 3,
      score_percentage: 100,
    });
    expect(scored.success).toBe(false);
  });

  it('patch only what an update names, and never the fields a unique constraint derives from', () => {
    expect(entities.job_requisition.update.parse({ status: 'open' })).toEqual({ status: 'open' });
    expect(entities.answer.update.safeParse({ question_id: 'q2' }).success).toBe(false);
    expect(entities.user.update.safeParse({ email: 'new@example.com' }).success).toBe(false);
  });

  it('keep secrets out of responses', () => {
    const user = {
      id: 'u',
      email: 'a@example.com',
      full_name: 'A',
      role: 'admin',
      password_hash: '$argon2id$…',
      is_active: true,
      is_verified: true,
      login_streak: 0,
      max_login_streak: 0,
      quiz_streak: 0,
      max_quiz_streak: 0,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    expect(entities.user.document.parse(user)).toHaveProperty('password_hash');
    expect(entities.user.response.safeParse(user).success).toBe(false);
    const { password_hash: _secret, ...visible } = user;
    expect(entities.user.response.parse(visible)).not.toHaveProperty('password_hash');
  });
});
