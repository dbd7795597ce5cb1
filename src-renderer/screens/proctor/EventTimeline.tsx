import type { Doc } from '@shared/domain/registry';
import { Badge } from '../../components/Badge';
import { humanize } from '../../format/labels';
import { severityTone } from '../../review/severity';
import { formatDuration, formatOffset, type ExamWindow, type TimelineItem } from '../../review/timeline';

/*
 * The session's events against the exam's clock, twice: a drawn bar for the
 * eye (hidden from screen readers, who get the same in words), and an ordered
 * list of buttons with times, which is also how keyboard users pick an event.
 */

interface EventTimelineProps {
  items: readonly TimelineItem[];
  window: ExamWindow;
  selectedId: string | undefined;
  onSelect: (eventId: string) => void;
}

export function eventLabel(event: Doc<'proctoring_event'>): string {
  return humanize(event.event_type);
}

export function EventTimeline({ items, window, selectedId, onSelect }: EventTimelineProps) {
  const allowed = window.allowedSeconds;
  return (
    <section className="review-timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <p className="muted">
        {items.length} {items.length === 1 ? 'event' : 'events'} over {formatOffset(window.lengthSeconds)}
        {allowed !== undefined && ` (time allowed: ${formatOffset(allowed)})`}.
      </p>
      <div className="timeline-track" aria-hidden="true">
        {allowed !== undefined && allowed < window.lengthSeconds && (
          <span className="timeline-limit" style={{ left: `${(allowed / window.lengthSeconds) * 100}%` }} />
        )}
        {items.map(({ event, start, width }) => (
          <span
            key={event.event_id}
            className={`timeline-mark severity-${event.severity}${event.event_id === selectedId ? ' selected' : ''}${event.flagged ? ' flagged' : ''}`}
            style={{ left: `${start * 100}%`, width: `${width * 100}%` }}
            title={`${formatOffset((Date.parse(event.detected_at) - window.startMs) / 1000)} ${eventLabel(event)}`}
            onClick={() => onSelect(event.event_id)}
          />
        ))}
        <span className="timeline-axis-start">0:00</span>
        <span className="timeline-axis-end">{formatOffset(window.lengthSeconds)}</span>
      </div>
      <ol className="timeline-list" aria-label="Events in the order they happened">
        {items.map(({ event, offsetSeconds }, i) => {
          const selected = event.event_id === selectedId;
          return (
            <li key={event.event_id}>
              <button
                type="button"
                className={`timeline-item${selected ? ' selected' : ''}`}
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(event.event_id)}
              >
                <span className="timeline-time">
                  <span className="visually-hidden">Event {i + 1} at </span>
                  {formatOffset(offsetSeconds)}
                </span>
                <span className="timeline-type">{eventLabel(event)}</span>
                <Badge tone={severityTone[event.severity]}>{humanize(event.severity)}</Badge>
                <span className="muted">{formatDuration(event.duration_seconds)}</span>
                {event.flagged && <Badge tone="danger">Flagged</Badge>}
                {event.reviewed && <Badge tone="success">Reviewed</Badge>}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
