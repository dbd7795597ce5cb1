import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { of } from 'rxjs';
import { useDatabase } from '../../data/database-context';
import { repo } from '../../db/repository';
import { useLiveQuery } from '../../hooks/use-live-query';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDateTime } from '../../format/dates';
import { humanize } from '../../format/labels';
import { useSignedInUser } from '../../state/session-store';
import { useUiStore } from '../../state/ui-store';
import {
  clearSessionFollowUp,
  flagSessionForFollowUp,
  markNotReviewed,
  markReviewed,
  saveNotes,
  setFlagged,
} from '../../review/actions';
import { reviewActionFor, stepIndex, type ReviewAction } from '../../review/keyboard';
import { sessionReview$ } from '../../review/queries';
import { examWindow, formatOffset, layoutTimeline } from '../../review/timeline';
import { EventDetail } from './EventDetail';
import { EventTimeline } from './EventTimeline';
import { SessionFollowUp } from './SessionFollowUp';
import { ShortcutHelp } from './ShortcutHelp';
import '../../styles/review.css';

/*
 * One session under review. Every change is a local write: the proctor can
 * review a whole session offline and the device syncs it later.
 */

function useReviewerNames(ids: readonly string[]) {
  const db = useDatabase();
  const key = [...new Set(ids)].sort().join(',');
  const users$ = useMemo(
    () =>
      key && db.collections.users ? repo(db, 'user').find$({ selector: { id: { $in: key.split(',') } } }) : of([]),
    [db, key],
  );
  const users = useLiveQuery(users$).data;
  return useMemo(() => new Map((users ?? []).map((u) => [u.id, u.full_name])), [users]);
}

export function SessionReviewScreen({ sessionId }: { sessionId: string }) {
  const db = useDatabase();
  const user = useSignedInUser();
  const announce = useUiStore((s) => s.announce);
  const review$ = useMemo(() => sessionReview$(db, sessionId), [db, sessionId]);
  const result = useLiveQuery(review$);
  const [chosenId, setChosenId] = useState<string>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const notesRef = useRef<HTMLTextAreaElement>(null);

  const data = result.data;
  const events = useMemo(() => data?.events ?? [], [data]);
  const clock = useMemo(
    () => (data?.session ? examWindow(data.session, data.assessment, events) : undefined),
    [data, events],
  );
  const items = useMemo(() => (clock ? layoutTimeline(events, clock) : []), [events, clock]);
  const reviewers = useReviewerNames(events.flatMap((e) => (e.reviewed_by ? [e.reviewed_by] : [])));

  // The chosen event, or the first one still waiting for review, or the first.
  const index = Math.max(
    0,
    chosenId !== undefined
      ? items.findIndex((i) => i.event.event_id === chosenId)
      : items.findIndex((i) => i.event.flagged && !i.event.reviewed),
  );
  const current = items[index];

  async function run(what: () => Promise<unknown>, done: string) {
    try {
      await what();
      setError(undefined);
      announce(done);
    } catch (e) {
      setError(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function select(i: number) {
    const item = items[i];
    if (!item) return;
    setChosenId(item.event.event_id);
    const e = item.event;
    announce(
      `Event ${i + 1} of ${items.length}: ${humanize(e.event_type)}, ${e.severity}, at ${formatOffset(item.offsetSeconds)}${e.flagged ? ', flagged' : ''}${e.reviewed ? ', reviewed' : ''}.`,
    );
  }

  const notesOf = (id: string, saved: string | undefined) => drafts[id] ?? saved ?? '';

  function toggleReviewed() {
    if (!current) return;
    const e = current.event;
    // Acting on the event pins it, so the view does not jump to the next one waiting for review.
    setChosenId(e.event_id);
    if (e.reviewed) return run(() => markNotReviewed(db, e.event_id), 'Marked not reviewed.');
    return run(async () => {
      await markReviewed(db, user.id, e.event_id, notesOf(e.event_id, e.reviewer_notes));
      setDrafts(({ [e.event_id]: _, ...rest }) => rest);
    }, 'Marked reviewed.');
  }

  function toggleFlag() {
    if (!current) return;
    const e = current.event;
    setChosenId(e.event_id);
    return run(() => setFlagged(db, e.event_id, !e.flagged), e.flagged ? 'Event unflagged.' : 'Event flagged.');
  }

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key === 'Escape' && event.target === notesRef.current) {
      document.getElementById('event-heading')?.focus();
      return;
    }
    const action: ReviewAction | undefined = reviewActionFor(event);
    if (!action || !items.length) return;
    event.preventDefault();
    if (action === 'toggleReviewed') void toggleReviewed();
    else if (action === 'toggleFlag') void toggleFlag();
    else if (action === 'notes') notesRef.current?.focus();
    else select(stepIndex(index, items.length, action));
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  if (result.status === 'loading') return <p role="status">Loading the session…</p>;
  if (result.status === 'error') return <p role="alert">The session could not be loaded: {result.error.message}</p>;
  const session = result.data.session;
  if (!session)
    return (
      <>
        <ScreenHeader title="Session not found" />
        <p>This session is not on this device.</p>
        <Link to="/proctor/review">Back to the review queue</Link>
      </>
    );

  return (
    <div className="session-review" aria-keyshortcuts="J K ArrowDown ArrowUp Home End R F N">
      <ScreenHeader title={`Review: ${session.candidate_name}`}>
        <p>
          {result.data.assessment?.title ?? 'Unknown assessment'} · started{' '}
          <time dateTime={session.started_at}>{formatDateTime(session.started_at)}</time>
          {session.is_completed ? '' : ' · not completed'}
        </p>
        <p>
          <Link to="/proctor/review">Back to the review queue</Link>
        </p>
      </ScreenHeader>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="session-review-grid">
        <div>
          {clock && (
            <EventTimeline
              items={items}
              window={clock}
              selectedId={current?.event.event_id}
              onSelect={(id) => select(items.findIndex((i) => i.event.event_id === id))}
            />
          )}
          <ShortcutHelp />
        </div>
        <div>
          {current ? (
            <EventDetail
              event={current.event}
              position={{ index, count: items.length }}
              offsetSeconds={current.offsetSeconds}
              question={current.event.question_id ? result.data.questions.get(current.event.question_id) : undefined}
              answer={current.event.question_id ? result.data.answers.get(current.event.question_id) : undefined}
              questionsUnavailable={!db.collections.question_bank}
              reviewerName={current.event.reviewed_by ? reviewers.get(current.event.reviewed_by) : undefined}
              notes={notesOf(current.event.event_id, current.event.reviewer_notes)}
              notesRef={notesRef}
              onNotesChange={(text) => {
                setChosenId(current.event.event_id);
                setDrafts((d) => ({ ...d, [current.event.event_id]: text }));
              }}
              onToggleReviewed={() => void toggleReviewed()}
              onToggleFlag={() => void toggleFlag()}
              onSaveNotes={() =>
                void run(async () => {
                  const id = current.event.event_id;
                  await saveNotes(db, id, notesOf(id, current.event.reviewer_notes));
                  setDrafts(({ [id]: _, ...rest }) => rest);
                }, 'Notes saved.')
              }
              onPrevious={() => select(stepIndex(index, items.length, 'previous'))}
              onNext={() => select(stepIndex(index, items.length, 'next'))}
            />
          ) : (
            <p className="empty-state">This session has no proctoring events.</p>
          )}
          <SessionFollowUp
            session={session}
            onFlag={(reason) =>
              void run(() => flagSessionForFollowUp(db, session.session_id, reason), 'Session flagged for follow-up.')
            }
            onClear={() => void run(() => clearSessionFollowUp(db, session.session_id), 'Follow-up flag cleared.')}
          />
        </div>
      </div>
    </div>
  );
}
