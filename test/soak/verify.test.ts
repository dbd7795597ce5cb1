import { describe, expect, it } from 'vitest';
import type { Doc } from '@shared/domain/registry';
import type { Rescored } from './rescore';
import type { ServerState } from './server-state';
import type { Attempt, SessionRecord } from './station/records';
import { settled, verify } from './verify';

/*
 * The soak's checker, on made-up server state: a soak that reported zero
 * losses because its check could not see one would be worse than none.
 * Pure and in memory, so it runs with the unit suite (rescore.test.ts shows
 * the recomputation against a real server).
 */

const session = (over: Partial<Doc<'test_session'>> = {}) =>
  ({
    session_id: 's1',
    assessment_token_id: 't1',
    question_ids: ['q1', 'q2', 'q3'],
    total_questions: 3,
    is_completed: true,
    is_scored: true,
    correct_answers: 1,
    score_percentage: 33.33,
    ...over,
  }) as Doc<'test_session'>;

const answer = (id: string, questionId: string, selected: string, over: Partial<Doc<'answer'>> = {}) =>
  ({
    id,
    session_id: 's1',
    question_id: questionId,
    selected_answer: selected,
    is_correct: false,
    ...over,
  }) as Doc<'answer'>;

const stored: ServerState = {
  sessions: [session()],
  answers: [answer('a1', 'q1', 'A', { is_correct: true }), answer('a2', 'q2', 'B')],
};
/** The server's state, recomputed to the same result. */
const agreed = (state: ServerState): Rescored => ({ stored: state, fresh: state });

function record(attempts: [string, Attempt[]][]): SessionRecord {
  return {
    sessionId: 's1',
    station: 1,
    code: 'SOAK-TEST',
    tokenId: 't1',
    candidateName: 'Test',
    positions: new Map(),
    attempts: new Map(attempts),
    submit: 'shown',
    interruptions: 0,
    resumes: 0,
  };
}

const yes = (key: string): Attempt => ({ key, confirmed: true });
const maybe = (key: string): Attempt => ({ key, confirmed: false });

describe('the soak checker', () => {
  it('passes a server that holds every confirmed answer, or a later unconfirmed choice', () => {
    const verdict = verify(
      agreed(stored),
      [
        record([
          ['q1', [yes('A')]],
          ['q2', [yes('A'), maybe('B')]],
        ]),
      ],
      [],
    );
    expect(verdict).toMatchObject({ answersConfirmed: 2, answersLost: 0, duplicates: 0, scoreMismatches: 0 });
    expect(settled(verdict)).toBe(true);
  });

  it('counts a confirmed answer missing on the server, or replaced by an older one, as lost', () => {
    const missing = verify(agreed(stored), [record([['q3', [yes('A')]]])], []);
    expect(missing.answersLost).toBe(1);
    expect(missing.byStation.get(1)).toEqual({ lost: 1, unsubmitted: 0 });
    const older = verify(agreed(stored), [record([['q2', [yes('B'), yes('C')]]])], []);
    expect(older.answersLost).toBe(1);
    expect(settled(older)).toBe(false);
    const unconfirmed = verify(agreed(stored), [record([['q3', [maybe('A')]]])], []);
    expect(unconfirmed).toMatchObject({ answersConfirmed: 0, answersLost: 0 });
  });

  it('counts a second session of one invitation, and a second row of one answer, as duplicates', () => {
    const twice = { ...stored, sessions: [session(), session({ session_id: 's2' })] };
    expect(verify(agreed(twice), [], []).duplicates).toBe(1);
    const rows = { ...stored, answers: [...stored.answers, answer('a3', 'q2', 'B')] };
    expect(verify(agreed(rows), [], []).duplicates).toBe(1);
  });

  it('counts a started session that is missing or open on the server, unless already a resume failure', () => {
    const open = { ...stored, sessions: [session({ is_completed: false })] };
    expect(verify(agreed(open), [record([])], []).sessionsUnsubmitted).toBe(1);
    expect(verify(agreed({ ...stored, sessions: [] }), [record([])], []).sessionsUnsubmitted).toBe(1);
    const failure = { station: 1, sessionId: 's1', code: 'SOAK-TEST', reason: 'not offered' };
    expect(verify(agreed(open), [record([])], [failure]).sessionsUnsubmitted).toBe(0);
  });

  it('counts a score or an answer mark that differs from the recomputation, and an unscored session', () => {
    const recount = { ...stored, sessions: [session({ correct_answers: 2, score_percentage: 66.67 })] };
    expect(verify({ stored, fresh: recount }, [], []).scoreMismatches).toBe(1);
    const remark = { ...stored, answers: [answer('a1', 'q1', 'A', { is_correct: false }), stored.answers[1]!] };
    expect(verify({ stored, fresh: remark }, [], []).scoreMismatches).toBe(1);
    const unscored = { ...stored, sessions: [session({ is_scored: false })] };
    expect(verify({ stored: unscored, fresh: stored }, [], [])).toMatchObject({
      scoreMismatches: 1,
      sessionsScored: 0,
    });
    const running = { ...stored, sessions: [session({ is_completed: false, is_scored: false })] };
    expect(verify({ stored: running, fresh: running }, [], []).scoreMismatches).toBe(0);
  });
});
