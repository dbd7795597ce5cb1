import { useEffect, useState } from 'react';
import type { UserRole } from '@shared/domain/enums';
import type { AppDatabase } from '../db/database';
import { LiveSearchIndex } from './live-search-index';

/*
 * One live index per signed-in window, started once the first screen has had
 * its turn: indexing 12,000 documents takes the main thread for a moment (the
 * bench page logs how long), which should not delay what the user came to see.
 * It is kept until sign-out, so Ctrl+K finds a warm index.
 */
const START_AFTER_IDLE_MS = 1_000;

export function useLiveSearchIndex(db: AppDatabase, role: UserRole): LiveSearchIndex | undefined {
  const [index, setIndex] = useState<LiveSearchIndex | undefined>();
  useEffect(() => {
    let live: LiveSearchIndex | undefined;
    const start = () => {
      live = new LiveSearchIndex(db, role);
      setIndex(live);
    };
    const idle = typeof requestIdleCallback === 'function';
    const handle = idle
      ? requestIdleCallback(start, { timeout: START_AFTER_IDLE_MS })
      : setTimeout(start, START_AFTER_IDLE_MS);
    return () => {
      if (idle) cancelIdleCallback(handle as number);
      else clearTimeout(handle as ReturnType<typeof setTimeout>);
      live?.dispose();
      setIndex(undefined);
    };
  }, [db, role]);
  return index;
}
