import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PULL_LIMIT, type PullResponse, type WireDoc } from '../../src-shared/sync/wire';
import { adminSettings, edited, notification, proctoringEvent, question, questionSet, skill } from './fixtures';
import { create, pull, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam } from './exam-fixture';

let server: TestServer;
let admin: TestUser;
let candidate: TestUser;

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'super_admin');
  candidate = await signUp(server, 'candidate');
});
afterAll(() => server.close());

describe('pull', () => {
  it('returns stored-form documents in change order with a checkpoint, and nothing after the end', async () => {
    const set = questionSet();
    const q1 = question(set.pk);
    const q2 = question(set.pk);
    await create(server, admin, 'question_bank', [set, q1]);
    await create(server, admin, 'question_bank', [q2]);
    const res = await pull(server, admin, 'question_bank');
    expect(res.statusCode).toBe(200);
    const body = res.json<PullResponse>();
    expect(body.documents.map((d) => d.pk)).toEqual([set.pk, q1.pk, q2.pk]);
    expect(body.documents[1]).toEqual(q1);
    const next = await pull(server, admin, 'question_bank', body.checkpoint!.seq);
    expect(next.json<PullResponse>()).toEqual({ documents: [], checkpoint: body.checkpoint });
  });

  it('merges the tables of a multi-kind collection in checkpoint order, in bounded batches', async () => {
    const docs: WireDoc[] = [];
    for (let i = 0; i < 7; i++) {
      const doc = i % 2 ? notification(admin.id) : adminSettings(admin.id, { i });
      if (i % 2 === 0 && i > 0) continue; // one settings document per user
      docs.push(doc);
      await create(server, admin, 'inbox', [doc]);
    }
    const first = (await pull(server, admin, 'inbox', 0, 2)).json<PullResponse>();
    expect(first.documents.map((d) => d.kind)).toEqual(['admin_settings', 'notification']);
    const all = await pullAll(server, admin, 'inbox');
    expect(all.documents.map((d) => d.pk)).toEqual(docs.map((d) => d.pk));
    const over = await server.app.inject({
      method: 'GET',
      url: `/sync/inbox/pull?checkpoint=0&limit=${MAX_PULL_LIMIT + 1}`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0]).toMatchObject({ field: 'querystring.limit', rule: 'too_big' });
  });

  it('works as GET with the checkpoint in the query', async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/sync/question_bank/pull?checkpoint=0&limit=1',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<PullResponse>().documents).toHaveLength(1);
  });

  it('compresses large responses for clients that accept it', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/sync/question_bank/pull',
      headers: { authorization: `Bearer ${admin.token}`, 'accept-encoding': 'gzip' },
      payload: { checkpoint: null, limit: 1000 },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
  });
});

describe('push', () => {
  it('accepts an update whose assumed master state matches, and reports a conflict otherwise', async () => {
    const s = skill('Rust');
    await create(server, admin, 'catalog', [s]);
    const v2 = edited(s, { description: 'Systems language' });
    const ok = await push(server, admin, 'catalog', [{ assumedMasterState: s, newDocumentState: v2 }]);
    expect(ok.json()).toEqual([]);
    const stale = edited(s, { description: 'stale edit' });
    const conflict = await push(server, admin, 'catalog', [{ assumedMasterState: s, newDocumentState: stale }]);
    expect(conflict.statusCode).toBe(200);
    expect(conflict.json()).toEqual([v2]);
    const created = await push(server, admin, 'catalog', [{ newDocumentState: stale }]);
    expect(created.json()).toEqual([v2]);
  });

  it('ignores key order inside JSON fields when comparing states', async () => {
    const session = (await setUpExam(server, admin, [candidate])).session(candidate);
    await create(server, candidate, 'test_sessions', [session]);
    const event = proctoringEvent(session.pk, { metadata: { zeta: 1, alpha: { b: 2, a: 1 } } });
    await create(server, candidate, 'proctoring_events', [event]);
    const assumed = { ...event, metadata: { alpha: { a: 1, b: 2 }, zeta: 1 } };
    // Events are append-only (conflict-rules.ts): the change is a proctor's review.
    const proctor = await signUp(server, 'proctor');
    const res = await push(server, proctor, 'proctoring_events', [
      { assumedMasterState: assumed, newDocumentState: edited(event, { flagged: true }) },
    ]);
    expect(res.json()).toEqual([]);
  });

  it('soft-deletes, and the deletion replicates', async () => {
    const s = skill('Cobol');
    await create(server, admin, 'catalog', [s]);
    const { seq } = await pullAll(server, admin, 'catalog');
    const res = await push(server, admin, 'catalog', [
      { assumedMasterState: s, newDocumentState: { ...s, _deleted: true } },
    ]);
    expect(res.json()).toEqual([]);
    const after = await pullAll(server, admin, 'catalog', seq);
    expect(after.documents).toEqual([{ ...s, _deleted: true }]);
  });

  it('refuses invalid documents with 400 naming the field and rule, storing nothing of the batch', async () => {
    const good = skill('Go');
    const bad = { ...skill('Java'), category: 'magic' };
    const res = await push(server, admin, 'catalog', [{ newDocumentState: good }, { newDocumentState: bad }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: 'body.1.newDocumentState.category', rule: 'invalid_value' }),
    );
    const all = await pullAll(server, admin, 'catalog');
    expect(all.documents.map((d) => d.pk)).not.toContain(good.pk);
  });

  it.each([
    ['a NUL character', { description: 'bad\u0000byte' }, 'description', 'rule'],
    ['an unpaired surrogate', { description: 'bad\uD800' }, 'description', 'rule'],
    ['an unknown field', { colour: 'red' }, '', 'unrecognized_keys'],
    ['a pk that is not the id', { pk: 'other' }, 'pk', 'rule'],
    ['an id not derived from the unique name', { skill_id: 'skl_x', pk: 'skl_x' }, 'skill_id', 'rule'],
    ['a wrong type', { is_active: 'yes' }, 'is_active', 'invalid_type'],
  ])('refuses %s', async (_label, change, field, rule) => {
    const doc = { ...skill(`Lang ${Math.random()}`), ...change };
    const res = await push(server, admin, 'catalog', [{ newDocumentState: doc }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ field: `body.0.newDocumentState${field ? `.${field}` : ''}`, rule }),
    );
  });

  it('refuses a kind that does not belong to the collection, unknown collections and malformed bodies', async () => {
    const wrongKind = await push(server, admin, 'catalog', [{ newDocumentState: notification(admin.id) }]);
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors[0].field).toBe('body.0.newDocumentState.kind');
    const unknown = await push(server, admin, 'nope' as never, []);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('params.collection');
    const notArray = await push(server, admin, 'catalog', { rows: [] });
    expect(notArray.statusCode).toBe(400);
    const badJson = await server.app.inject({
      method: 'POST',
      url: '/sync/catalog/push',
      payload: '[{',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
  });

  it('requires a valid bearer token', async () => {
    const none = await server.app.inject({ method: 'POST', url: '/sync/catalog/pull', payload: {} });
    expect(none.statusCode).toBe(401);
    const forged = await server.app.inject({
      method: 'POST',
      url: '/sync/catalog/pull',
      payload: {},
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    expect(forged.statusCode).toBe(401);
  });
});
