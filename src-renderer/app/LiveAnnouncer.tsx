import { useUiStore } from '../state/ui-store';

/** The window's one polite live region, fed by useUiStore().announce(). */
export function LiveAnnouncer() {
  const announcement = useUiStore((s) => s.announcement);
  const id = useUiStore((s) => s.announcementId);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {/* Keyed so that the same message twice is still a change to announce. */}
      <span key={id}>{announcement}</span>
    </div>
  );
}
