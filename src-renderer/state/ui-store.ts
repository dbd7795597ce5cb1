import { create } from 'zustand';

/*
 * Window-wide UI state that no single screen owns. `announcement` feeds one
 * polite live region, so screens can tell screen-reader users about changes
 * that happen without focus moving (a list updated by sync, a saved form).
 */
interface UiState {
  announcement: string;
  /** Bumped on each announcement so that repeating the same text is still announced. */
  announcementId: number;
  announce: (message: string) => void;
  /** Empties the region, unless a newer announcement has replaced announcement `id` meanwhile. */
  clear: (id: number) => void;
}

export const useUiStore = create<UiState>()((set) => ({
  announcement: '',
  announcementId: 0,
  announce: (message) => set((s) => ({ announcement: message, announcementId: s.announcementId + 1 })),
  clear: (id) => set((s) => (s.announcementId === id ? { announcement: '' } : s)),
}));
