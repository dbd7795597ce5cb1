import { useEffect, useMemo, useState } from 'react';
import type { Doc } from '@shared/domain/registry';
import { displayedOptions, type DisplayedOption } from '@shared/exam/shuffle';
import { useDatabase } from '../data/database-context';
import { repo } from '../db/repository';
import { useLiveQuery } from '../hooks/use-live-query';
import { readPlace, type ExamPlace } from './local-state';

/*
 * The exam as the screen shows it: the session and its answers live (so a
 * submission or a proctor's extra time shows at once), the assessment and
 * the questions read once, in the session's own order, with each question's
 * options in this session's order.
 */

export interface ExamQuestion {
  id: string;
  text: string;
  options: DisplayedOption[];
}

export interface ExamContent {
  assessment: Doc<'assessment'>;
  questions: ExamQuestion[];
  /** Questions the session lists that this station does not hold. */
  missing: number;
  /** Where the candidate was (question and flags) when the screen last closed. */
  place: ExamPlace;
}

export type ExamState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      session: Doc<'test_session'>;
      content: ExamContent;
      answers: ReadonlyMap<string, Doc<'answer'>>;
    };

function useExamContent(session: Doc<'test_session'> | undefined) {
  const db = useDatabase();
  const [content, setContent] = useState<ExamContent | { error: string } | undefined>();
  const sessionId = session?.session_id;
  const assessmentId = session?.assessment_id;
  // The order is fixed at start; joined so the effect does not rerun on every session update.
  const order = session?.question_ids.join('\n');

  useEffect(() => {
    if (sessionId === undefined || order === undefined) return;
    let current = true;
    (async () => {
      const assessment = assessmentId ? await repo(db, 'assessment').get(assessmentId) : undefined;
      if (!assessment) return { error: 'The assessment of this session is not on this station. Ask the proctor.' };
      const ids = order ? order.split('\n') : [];
      const found = await repo(db, 'question').find({ selector: { id: { $in: ids } } });
      const byId = new Map(found.map((q) => [q.id, q]));
      const questions = ids.flatMap((id) => {
        const q = byId.get(id);
        return q ? [{ id, text: q.question_text, options: displayedOptions(sessionId, id, q.options) }] : [];
      });
      const place = await readPlace(sessionId);
      return { assessment, questions, missing: ids.length - questions.length, place };
    })().then(
      (loaded) => current && setContent(loaded),
      (e: unknown) => current && setContent({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, [db, sessionId, assessmentId, order]);
  return content;
}

export function useExam(sessionId: string): ExamState {
  const db = useDatabase();
  const session$ = useMemo(
    () => repo(db, 'test_session').find$({ selector: { session_id: sessionId }, limit: 1 }),
    [db, sessionId],
  );
  const answers$ = useMemo(() => repo(db, 'answer').find$({ selector: { session_id: sessionId } }), [db, sessionId]);
  const sessions = useLiveQuery(session$);
  const answerList = useLiveQuery(answers$);
  const session = sessions.data?.[0];
  const content = useExamContent(session);
  const answers = useMemo(
    () => new Map((answerList.data ?? []).map((a) => [a.question_id, a] as const)),
    [answerList.data],
  );

  if (sessions.status === 'error') return { status: 'error', message: sessions.error.message };
  if (answerList.status === 'error') return { status: 'error', message: answerList.error.message };
  if (sessions.status === 'ready' && !session) {
    return { status: 'error', message: 'This exam session is not on this station.' };
  }
  if (content && 'error' in content) return { status: 'error', message: content.error };
  if (!session || !content || answerList.status !== 'ready') return { status: 'loading' };
  return { status: 'ready', session, content, answers };
}

/** The current time, refreshed every `intervalMs`. */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
