import { Fragment, type Ref } from 'react';
import type { Doc } from '@shared/domain/registry';
import { Badge } from '../../components/Badge';
import { InlineText } from '../../components/InlineText';
import { formatDateTime } from '../../format/dates';
import { humanize } from '../../format/labels';
import { shortcutFor } from '../../review/keyboard';
import { asCandidateSaw } from '../../review/candidate-order';
import { readMetadata } from '../../review/metadata';
import { severityTone } from '../../review/severity';
import { formatDuration, formatOffset } from '../../review/timeline';
import { SnapshotView } from './SnapshotView';

/*
 * One event under review: what the station saw (snapshot, face boxes,
 * detector scores), when, on which question, and the proctor's controls.
 */

export interface EventDetailProps {
  event: Doc<'proctoring_event'>;
  position: { index: number; count: number };
  offsetSeconds: number;
  question: Doc<'question'> | undefined;
  /** The candidate's answer to that question, if any. */
  answer: Doc<'answer'> | undefined;
  /** True when this device holds no question bank, so the text cannot be shown. */
  questionsUnavailable: boolean;
  reviewerName: string | undefined;
  notes: string;
  notesRef: Ref<HTMLTextAreaElement>;
  onNotesChange: (notes: string) => void;
  onToggleReviewed: () => void;
  onToggleFlag: () => void;
  onSaveNotes: () => void;
  onPrevious: () => void;
  onNext: () => void;
}

function QuestionOnScreen({
  event,
  question,
  answer,
  questionsUnavailable,
}: Pick<EventDetailProps, 'event' | 'question' | 'answer' | 'questionsUnavailable'>) {
  if (!event.question_id) return <p className="muted">No question was on screen.</p>;
  if (!question)
    return (
      <p className="muted">
        {questionsUnavailable
          ? 'The question bank is not on this device.'
          : 'The question is not on this device (yet): it arrives with the next sync.'}
      </p>
    );
  const seen = asCandidateSaw(event.test_session_id, question, answer);
  return (
    <blockquote className="question-on-screen">
      <p>
        <InlineText text={question.question_text} />
      </p>
      <p className="muted">In the order the candidate saw the options; the question bank’s letter in brackets.</p>
      <ol className="question-options" aria-label="Options as the candidate saw them">
        {seen.options.map((o) => (
          <li key={o.key} data-chosen={o.chosen || undefined}>
            <span className="option-key">{o.letter}.</span> <InlineText text={o.text} />{' '}
            <span className="muted">({o.key})</span>
            {o.chosen && (
              <>
                {' '}
                <Badge tone="info">Their answer</Badge>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="question-answer">
        {seen.answer
          ? `Their answer: ${seen.answer.letter} as they saw it, ${seen.answer.key} in the question bank.`
          : 'They have not answered this question.'}
      </p>
    </blockquote>
  );
}

export function EventDetail(props: EventDetailProps) {
  const { event, position, offsetSeconds, reviewerName, notes, notesRef } = props;
  const meta = readMetadata(event.metadata);
  const savedNotes = event.reviewer_notes ?? '';
  const reviewedKey = shortcutFor('toggleReviewed');
  const flagKey = shortcutFor('toggleFlag');
  const notesKey = shortcutFor('notes');
  const previousKey = shortcutFor('previous');
  const nextKey = shortcutFor('next');
  return (
    <section className="review-event" aria-labelledby="event-heading">
      <h2 id="event-heading" tabIndex={-1}>
        Event {position.index + 1} of {position.count}: {humanize(event.event_type)}
      </h2>
      <div className="review-event-nav">
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={props.onPrevious}
          disabled={position.index === 0}
          aria-keyshortcuts={previousKey.aria}
        >
          Previous event
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={props.onNext}
          disabled={position.index >= position.count - 1}
          aria-keyshortcuts={nextKey.aria}
        >
          Next event
        </button>
      </div>
      <div className="review-event-body">
        <SnapshotView event={event} faces={meta.faces} />
        <div>
          <dl className="event-facts">
            <dt>Severity</dt>
            <dd>
              <Badge tone={severityTone[event.severity]}>{humanize(event.severity)}</Badge>
            </dd>
            <dt>When</dt>
            <dd>
              {formatOffset(offsetSeconds)} into the exam (
              <time dateTime={event.detected_at}>{formatDateTime(event.detected_at)}</time>)
            </dd>
            <dt>Lasted</dt>
            <dd>{formatDuration(event.duration_seconds)}</dd>
            {meta.faceCount !== undefined && (
              <>
                <dt>Faces seen</dt>
                <dd>{meta.faceCount}</dd>
              </>
            )}
            {meta.scores.length > 0 && (
              <>
                <dt>Detector scores</dt>
                <dd>{meta.scores.map((s) => s.toFixed(2)).join(', ')}</dd>
              </>
            )}
            {meta.details.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
            <dt>Status</dt>
            <dd className="badge-group">
              {event.flagged ? <Badge tone="danger">Flagged</Badge> : <Badge>Not flagged</Badge>}
              {event.reviewed ? (
                <Badge tone="success">
                  Reviewed{reviewerName ? ` by ${reviewerName}` : ''}
                  {event.reviewed_at ? `, ${formatDateTime(event.reviewed_at)}` : ''}
                </Badge>
              ) : (
                <Badge tone="warning">Not reviewed</Badge>
              )}
            </dd>
          </dl>
          <h3>Question on screen</h3>
          <QuestionOnScreen {...props} />
        </div>
      </div>
      <div className="review-controls">
        <div className="field">
          <label htmlFor="reviewer-notes">Reviewer notes</label>
          <textarea
            id="reviewer-notes"
            ref={notesRef}
            rows={3}
            maxLength={10_000}
            value={notes}
            onChange={(e) => props.onNotesChange(e.target.value)}
            aria-keyshortcuts={notesKey.aria}
          />
        </div>
        <div className="review-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={props.onToggleReviewed}
            aria-keyshortcuts={reviewedKey.aria}
          >
            {event.reviewed ? 'Mark not reviewed' : 'Mark reviewed'}
          </button>
          <button type="button" className="button" onClick={props.onToggleFlag} aria-keyshortcuts={flagKey.aria}>
            {event.flagged ? 'Unflag event' : 'Flag event'}
          </button>
          {event.reviewed && notes.trim() !== savedNotes && (
            <button type="button" className="button" onClick={props.onSaveNotes}>
              Save notes
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
