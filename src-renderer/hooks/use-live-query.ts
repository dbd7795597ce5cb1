import { useMemo, useSyncExternalStore } from 'react';
import type { Observable } from 'rxjs';

/*
 * Renders the latest value of an RxDB live query (`repo(db, kind).find$()`),
 * re-rendering whenever the database changes, with no reload and no polling.
 * The caller memoises the observable (useMemo over db and the query's inputs):
 * a new observable means a new query.
 */

export type LiveQueryResult<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: undefined; error: Error };

const LOADING = { status: 'loading', data: undefined, error: undefined } as const;

interface ObservableStore<T> {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => LiveQueryResult<T>;
}

/*
 * useSyncExternalStore rather than state set from an effect: React reads the
 * snapshot during render, so a changed query never shows the old query's rows.
 * The snapshot outlives resubscription (StrictMode subscribes twice), and RxDB
 * query observables replay their current result to each new subscriber.
 */
function observableStore<T>(source$: Observable<T> | undefined): ObservableStore<T> {
  let snapshot: LiveQueryResult<T> = LOADING;
  return {
    subscribe(onChange) {
      if (!source$) return () => {};
      const subscription = source$.subscribe({
        next(data) {
          snapshot = { status: 'ready', data, error: undefined };
          onChange();
        },
        error(error: unknown) {
          snapshot = {
            status: 'error',
            data: undefined,
            error: error instanceof Error ? error : new Error(String(error)),
          };
          onChange();
        },
      });
      return () => subscription.unsubscribe();
    },
    getSnapshot: () => snapshot,
  };
}

/** Pass `undefined` while the query cannot be built yet (it stays "loading"). */
export function useLiveQuery<T>(source$: Observable<T> | undefined): LiveQueryResult<T> {
  const store = useMemo(() => observableStore(source$), [source$]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
