import { useEffect, useState } from 'react';
import type { Doc } from '@shared/domain/registry';
import { useDatabase } from '../../data/database-context';
import type { DetectedFace } from '../../review/metadata';
import { useSnapshotLoader } from '../../review/snapshot-source';

/*
 * The event's snapshot with the detector's face boxes drawn over it. Without
 * a snapshot (none captured, or not synced to this device yet) the boxes are
 * drawn on an empty frame, so where the faces were still shows.
 */

type SnapshotState = { status: 'loading' } | { status: 'none' } | { status: 'ready'; url: string };

function useSnapshotUrl(event: Doc<'proctoring_event'>): SnapshotState {
  const db = useDatabase();
  const load = useSnapshotLoader();
  const [state, setState] = useState<{ eventId: string; snapshot: SnapshotState }>();
  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    load(db, event).then(
      (blob) => {
        if (cancelled) return;
        url = blob ? URL.createObjectURL(blob) : undefined;
        setState({ eventId: event.event_id, snapshot: url ? { status: 'ready', url } : { status: 'none' } });
      },
      () => {
        if (!cancelled) setState({ eventId: event.event_id, snapshot: { status: 'none' } });
      },
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // A review edit re-emits the event; only another event or a new snapshot needs a new picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, load, event.event_id, event.snapshot_url]);
  return state?.eventId === event.event_id ? state.snapshot : { status: 'loading' };
}

const percent = (v: number) => `${Math.round(v * 100)}%`;

export function faceDescription(face: DetectedFace, index: number): string {
  const { x, y, width, height } = face.box;
  const score = face.score !== undefined ? `, score ${face.score.toFixed(2)}` : '';
  return `Face ${index + 1}${score}: ${percent(x)} from the left, ${percent(y)} from the top, ${percent(width)} wide, ${percent(height)} high`;
}

export function SnapshotView({ event, faces }: { event: Doc<'proctoring_event'>; faces: readonly DetectedFace[] }) {
  const snapshot = useSnapshotUrl(event);
  return (
    <figure className="snapshot">
      <div className="snapshot-frame">
        {snapshot.status === 'ready' ? (
          <img src={snapshot.url} alt="Webcam snapshot taken when the event began" />
        ) : (
          <div className="snapshot-placeholder">
            {snapshot.status === 'loading' ? 'Loading the snapshot…' : 'No snapshot on this device for this event.'}
          </div>
        )}
        {faces.length > 0 && (
          <svg className="snapshot-boxes" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
            {faces.map((f, i) => (
              <rect
                key={i}
                x={f.box.x}
                y={f.box.y}
                width={f.box.width}
                height={f.box.height}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </svg>
        )}
      </div>
      <figcaption>
        {faces.length ? (
          <ul className="face-list">
            {faces.map((f, i) => (
              <li key={i}>{faceDescription(f, i)}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">No face boxes recorded.</span>
        )}
      </figcaption>
    </figure>
  );
}
