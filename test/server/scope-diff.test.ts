import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindAccess } from '../../src-shared/permissions/access';
import { eq, within } from '../../src-shared/permissions/row-filter';
import type { Principal } from '../../src-server/auth/principal';
import { candidateRows, changedScopes, toBatch } from '../../src-server/sync/scope/diff';
import { principalKey, registerPrincipal } from '../../src-server/sync/scope/principals';
import { edited, feedback, interview } from './fixtures';
import { create, push, signUp, startServer, type TestServer, type TestUser } from './harness';

/*
 * The scope worker's diff on a rule today's table does not have yet: a
 * field withheld until another row says so (the blind-feedback rule of the
 * interviewer workflow has this shape). Revealing it through that other
 * row's change must give the reader an entry, though the row itself did not
 * change; a write that reveals nothing must give none.
 */

let server: TestServer;
let recruiter: TestUser;

beforeAll(async () => {
  server = await startServer();
  recruiter = await signUp(server, 'recruiter');
});
afterAll(() => server.close());

const ratingsOnceCompleted: KindAccess = {
  kind: 'interview_feedback',
  pull: 'all',
  hidden: new Set(),
  withheld: [
    {
      fields: new Set(['overall_rating']),
      until: within('interview_id', 'interview_session', 'interview_id', eq('status', 'completed')),
    },
  ],
  concealed: new Set(['overall_rating']),
};

async function imageOf(pk: string): Promise<Record<string, unknown>> {
  const [row] = await server.sql.query<{ img: Record<string, unknown> }>(
    'SELECT to_jsonb(r) AS img FROM interview_sessions AS r WHERE interview_id = $1',
    [pk],
  );
  return row!.img;
}

describe('the scope diff', () => {
  it('gives an entry when another row’s change reveals a withheld field, and none when it reveals nothing', async () => {
    const interviewer = await signUp(server, 'interviewer');
    const reader: Principal = { id: recruiter.id, email: recruiter.email, role: 'recruiter' };
    await registerPrincipal(server.sql, reader);
    const meeting = interview(interviewer.id);
    await create(server, recruiter, 'interviews', [meeting]);
    const scorecard = feedback(meeting.pk, interviewer.id);
    await create(server, interviewer, 'interviews', [scorecard]);

    const scheduled = await imageOf(meeting.pk);
    const next = edited(meeting, { status: 'completed' });
    expect(
      (await push(server, recruiter, 'interviews', [{ assumedMasterState: meeting, newDocumentState: next }])).json(),
    ).toEqual([]);
    const batch = toBatch([{ id: 1, tbl: 'interview_sessions', pk: meeting.pk, old_img: scheduled }]);
    const rows = await candidateRows(server.sql, ratingsOnceCompleted, batch);
    expect(rows).toEqual([scorecard.pk]);
    expect(await changedScopes(server.sql, 'recruiter', ratingsOnceCompleted, rows, batch)).toEqual([
      { principalKey: principalKey(reader), kind: 'interview_feedback', pk: scorecard.pk },
    ]);

    // The same write seen from an image that was already completed: nothing changed for anyone.
    const completed = await imageOf(meeting.pk);
    const noop = toBatch([{ id: 2, tbl: 'interview_sessions', pk: meeting.pk, old_img: completed }]);
    expect(await changedScopes(server.sql, 'recruiter', ratingsOnceCompleted, rows, noop)).toEqual([]);
  });
});
