import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';

/*
 * After this long a message leaves the live region, so that reading the page
 * later does not find it stale ("the bundle is syncing" once it is ready).
 * 7 s, as React Aria's announcer keeps its messages: enough for a screen
 * reader to have spoken a sentence queued behind another.
 */
const MESSAGE_LIFETIME_MS = 7000;

/** The window's one polite live region, fed by useUiStore().announce(). */
export function LiveAnnouncer() {
  const announcement = useUiStore((s) => s.announcement);
  const id = useUiStore((s) => s.announcementId);
  const clear = useUiStore((s) => s.clear);
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => clear(id), MESSAGE_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [announcement, id, clear]);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {/* Keyed so that the same message twice is still a change to announce. */}
      <span key={id}>{announcement}</span>
    </div>
  );
}
