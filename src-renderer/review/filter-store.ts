import { create } from 'zustand';
import { noFilter, type QueueFilter } from './queue';

/** The queue's filters outlive a visit to one session, so "back to the queue" finds them as left. */
interface QueueFilterState {
  filter: QueueFilter;
  setFilter: (patch: Partial<QueueFilter>) => void;
  reset: () => void;
}

export const useQueueFilter = create<QueueFilterState>()((set) => ({
  filter: noFilter,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  reset: () => set({ filter: noFilter }),
}));
