import { map, of, switchMap, type Observable } from 'rxjs';

/*
 * Joins a live list to the documents it references, staying live on both
 * sides: a change to either re-emits. RxDB population resolves one document
 * at a time; this runs one `$in` query per emission instead.
 */
export function joinLive<Row, Related>(
  rows$: Observable<Row[]>,
  idsOf: (rows: Row[]) => string[],
  related$: (ids: string[]) => Observable<Related[]>,
): Observable<{ rows: Row[]; related: Related[] }> {
  return rows$.pipe(
    switchMap((rows) => {
      const ids = [...new Set(idsOf(rows))];
      const found$ = ids.length ? related$(ids) : of<Related[]>([]);
      return found$.pipe(map((related) => ({ rows, related })));
    }),
  );
}

/** A lookup table from a list, keyed by `keyOf`. */
export function indexBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}
