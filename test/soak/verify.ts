import type { Doc } from '@shared/domain/registry';
import type { Rescored } from './rescore';
import type { ServerState } from './server-state';
import type { ResumeFailure, SessionRecord } from './station/records';

/*
 * What the soak checks afterwards, the stations' records against the
 * server's tables:
 *
 * - every answer a station's page confirmed ("Answer X saved.") is on the
 *   server: the row for (session, question) exists and holds the last
 *   confirmed choice, or a later one the page did not get to confirm (the
 *   candidate pressed it just before a kill: it may or may not have landed);
 * - exactly once: one answer row per (session, question), one session per
 *   invitation;
 * - every session a station started ended submitted on the server;
 * - every stored score and answer mark equals a fresh recomputation by the
 *   server's own scoring (rescore.ts).
 *
 * Pure, so that verify.test.ts can show it sees each kind of fault.
 */

export interface Verdict {
  answersConfirmed: number;
  answersLost: number;
  duplicates: number;
  sessionsUnsubmitted: number;
  scoreMismatches: number;
  sessionsOnServer: number;
  sessionsScored: number;
  /** Human-readable reasons, a few of each kind, for the log. */
  problems: string[];
  /** Lost answers and unsubmitted sessions per station (the problems list shows only the first few). */
  byStation: Map<number, { lost: number; unsubmitted: number }>;
}

type Note = (kind: string, text: string) => void;
type Tally = (station: number, what: 'lost' | 'unsubmitted') => void;

function noter(problems: string[]): Note {
  return (kind, text) => {
    if (problems.filter((p) => p.startsWith(kind)).length < 8) problems.push(`${kind}: ${text}`);
  };
}

function countDuplicates(state: ServerState, note: Note): number {
  let duplicates = 0;
  const count = (keys: string[], what: string) => {
    const seen = new Map<string, number>();
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const [key, n] of seen)
      if (n > 1) {
        duplicates += n - 1;
        note('duplicate', `${n} ${what} ${key}`);
      }
  };
  count(
    state.answers.map((a) => `${a.session_id} ${a.question_id}`),
    'answer rows for',
  );
  count(
    state.sessions.flatMap((s) => (s.assessment_token_id ? [s.assessment_token_id] : [])),
    'sessions for invitation',
  );
  return duplicates;
}

function checkConfirmed(state: ServerState, records: readonly SessionRecord[], note: Note, tally: Tally) {
  const sessions = new Set(state.sessions.map((s) => s.session_id));
  const rows = new Map(state.answers.map((a) => [`${a.session_id} ${a.question_id}`, a]));
  let confirmed = 0;
  let lost = 0;
  for (const record of records)
    for (const [questionId, attempts] of record.attempts) {
      const last = attempts.findLastIndex((a) => a.confirmed);
      if (last < 0) continue;
      confirmed++;
      const acceptable = new Set(attempts.slice(last).map((a) => a.key));
      const row = rows.get(`${record.sessionId} ${questionId}`);
      if (row?.selected_answer !== undefined && acceptable.has(row.selected_answer)) continue;
      lost++;
      tally(record.station, 'lost');
      const has = row ? String(row.selected_answer) : 'no row';
      const orphan = sessions.has(record.sessionId) ? '' : ' (no session on the server)';
      note(
        'lost',
        `session ${record.sessionId} question ${questionId}: confirmed ${attempts[last]!.key}, server has ${has}${orphan}`,
      );
    }
  return { confirmed, lost };
}

function countUnsubmitted(
  state: ServerState,
  records: readonly SessionRecord[],
  resumeFailures: readonly ResumeFailure[],
  note: Note,
  tally: Tally,
): number {
  const byId = new Map(state.sessions.map((s) => [s.session_id, s]));
  // A test the home failed to offer again is counted as a resume failure already, not twice.
  const abandoned = new Set(resumeFailures.flatMap((f) => (f.sessionId ? [f.sessionId] : [])));
  let unsubmitted = 0;
  for (const record of records) {
    const server = byId.get(record.sessionId);
    if (abandoned.has(record.sessionId) || server?.is_completed) continue;
    unsubmitted++;
    tally(record.station, 'unsubmitted');
    const at = record.submittedAt ? ` at ${record.submittedAt}` : '';
    const seen = `submit ${record.submit}${at}, ${record.interruptions} interruptions, ${record.resumes} resumes`;
    note(
      'unsubmitted',
      `session ${record.sessionId} (${record.code}; ${seen}) is ${server ? 'not completed' : 'missing'}`,
    );
  }
  return unsubmitted;
}

const sameNumber = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? a === b : Math.abs(Number(a) - Number(b)) < 1e-9;

function checkScores({ stored, fresh }: Rescored, note: Note) {
  const freshSessions = new Map(fresh.sessions.map((s) => [s.session_id, s]));
  const freshMarks = new Map(fresh.answers.map((a) => [a.id, a.is_correct]));
  const answersOf = new Map<string, Doc<'answer'>[]>();
  for (const a of stored.answers) answersOf.set(a.session_id, [...(answersOf.get(a.session_id) ?? []), a]);
  let mismatches = 0;
  let scored = 0;
  for (const session of stored.sessions) {
    if (!session.is_completed) continue;
    if (session.is_scored) scored++;
    const again = freshSessions.get(session.session_id);
    const marks = (answersOf.get(session.session_id) ?? []).filter((a) => a.is_correct !== freshMarks.get(a.id));
    const same =
      again !== undefined &&
      session.is_scored &&
      session.correct_answers === again.correct_answers &&
      sameNumber(session.score_percentage, again.score_percentage);
    if (same && marks.length === 0) continue;
    mismatches++;
    note(
      'score',
      `session ${session.session_id}: server ${String(session.correct_answers)} / ${String(session.score_percentage)}% (scored ${session.is_scored}), recomputed ${String(again?.correct_answers)} / ${String(again?.score_percentage)}%, ${marks.length} answers marked differently`,
    );
  }
  return { mismatches, scored };
}

export function verify(
  rescored: Rescored,
  records: readonly SessionRecord[],
  resumeFailures: readonly ResumeFailure[],
): Verdict {
  const problems: string[] = [];
  const note = noter(problems);
  const byStation = new Map<number, { lost: number; unsubmitted: number }>();
  const tally: Tally = (station, what) => {
    const counts = byStation.get(station) ?? { lost: 0, unsubmitted: 0 };
    counts[what]++;
    byStation.set(station, counts);
  };
  const { stored } = rescored;
  const duplicates = countDuplicates(stored, note);
  const { confirmed, lost } = checkConfirmed(stored, records, note, tally);
  const sessionsUnsubmitted = countUnsubmitted(stored, records, resumeFailures, note, tally);
  const { mismatches, scored } = checkScores(rescored, note);
  return {
    answersConfirmed: confirmed,
    answersLost: lost,
    duplicates,
    sessionsUnsubmitted,
    scoreMismatches: mismatches,
    sessionsOnServer: stored.sessions.length,
    sessionsScored: scored,
    problems,
    byStation,
  };
}

/** Whether the server already holds everything the stations confirmed (to stop waiting for sync early). */
export function settled(verdict: Verdict): boolean {
  return verdict.answersLost === 0 && verdict.sessionsUnsubmitted === 0 && verdict.scoreMismatches === 0;
}
