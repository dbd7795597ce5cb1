import type { Subscription } from 'rxjs';
import type { UserRole } from '@shared/domain/enums';
import type { Doc, Kind } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { SearchIndex, type SearchResults } from './search-index';
import {
  idOf,
  kindsReadFor,
  searchKindsFor,
  searchSources,
  type Described,
  type Lookup,
  type SearchKind,
} from './search-sources';

/*
 * The search index of one signed-in window, kept live from the device
 * database: each kind it reads is one RxDB live query (the same the screens
 * use), so documents that arrive by sync, change or are deleted are found,
 * re-described or dropped without a rebuild. Each emission re-describes the
 * kind (and the kinds whose text names it, e.g. applications show the
 * candidate's name) and touches the index only where a description changed:
 * re-describing 5,000 documents is a few milliseconds of string work,
 * re-indexing them would be far more.
 *
 * The first build is the big one: about 0.2 s to index 12,000 documents in
 * Node, more on a busy device, after RxDB has read them. It runs in slices of
 * BUILD_SLICE documents with a task boundary between them, so that sign-in's
 * first screen and typing stay responsive meanwhile; later changes are small
 * and applied at once.
 */

/** Documents described and indexed per task during the first build: a few milliseconds each. */
const BUILD_SLICE = 250;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type AnyDoc = Record<string, unknown>;

export class LiveSearchIndex {
  readonly kinds: readonly SearchKind[];
  private readonly index = new SearchIndex();
  private readonly docs = new Map<Kind, Map<string, AnyDoc>>();
  /** What each indexed document was last described as, per kind, to skip unchanged ones. */
  private readonly described = new Map<SearchKind, Map<string, string>>();
  private readonly waiting: Set<Kind>;
  private readonly subscriptions: Subscription[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private readonly lookup: Lookup;
  /** Set once the first build, in slices, has finished; changes during it are caught up after. */
  private built = false;
  private building = false;
  private readonly changedWhileBuilding = new Set<Kind>();
  private disposed = false;

  constructor(
    db: AppDatabase,
    private readonly role: UserRole,
  ) {
    this.kinds = searchKindsFor(role);
    const read = kindsReadFor(role);
    this.waiting = new Set(read);
    const field = (kind: Kind, name: string) => (id: string | undefined) => {
      const value = id === undefined ? undefined : this.docs.get(kind)?.get(id)?.[name];
      return typeof value === 'string' ? value : undefined;
    };
    this.lookup = {
      candidateName: field('candidate', 'full_name'),
      assessmentTitle: field('assessment', 'title'),
      requisitionTitle: field('job_requisition', 'title'),
      questionSetName: (id) => {
        const set = id === undefined ? undefined : this.docs.get('question_set')?.get(id);
        return set ? `${String(set.skill)} (${String(set.level)})` : undefined;
      },
    };
    for (const kind of read) {
      this.subscriptions.push(
        repo(db, kind)
          .find$()
          .subscribe((docs) => this.received(kind, docs as AnyDoc[])),
      );
    }
  }

  /** Every kind has been read and indexed once: a search now covers the whole device. */
  get ready(): boolean {
    return this.built;
  }

  get size(): number {
    return this.index.size;
  }

  search(query: string, limit?: number): SearchResults {
    return this.index.search(query, limit);
  }

  /** The indexed document behind a hit, as it is on the device now. */
  document<K extends SearchKind>(kind: K, docId: string): Doc<K> | undefined {
    return this.docs.get(kind)?.get(docId) as Doc<K> | undefined;
  }

  /** For useSyncExternalStore: told after every change to the index. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  dispose(): void {
    this.disposed = true;
    for (const s of this.subscriptions) s.unsubscribe();
    this.listeners.clear();
  }

  private received(kind: Kind, docs: AnyDoc[]): void {
    this.docs.set(kind, new Map(docs.map((doc) => [idOf(kind, doc), doc])));
    this.waiting.delete(kind);
    // Until every kind has arrived once, names may be missing: describe everything once, at the end.
    if (this.waiting.size > 0) return;
    if (!this.built) {
      if (this.building) this.changedWhileBuilding.add(kind);
      else void this.build();
      return;
    }
    this.apply(this.affectedBy([kind]));
  }

  private async build(): Promise<void> {
    this.building = true;
    for (const kind of this.kinds) {
      const steps = this.reindex(kind);
      while (!steps.next().done) {
        await nextTask();
        if (this.disposed) return;
      }
    }
    this.building = false;
    this.built = true;
    // What arrived during the build, at once: usually nothing, or one sync batch.
    const late = [...this.changedWhileBuilding];
    this.changedWhileBuilding.clear();
    this.apply(this.affectedBy(late), true);
  }

  private affectedBy(changed: readonly Kind[]): SearchKind[] {
    return this.kinds.filter((k) => changed.some((c) => c === k || searchSources[k].uses.includes(c)));
  }

  /** Re-describes `kinds` at once, and tells the listeners if anything changed (or `notify`). */
  private apply(kinds: readonly SearchKind[], notify = false): void {
    let changed = notify;
    for (const kind of kinds) changed = runToEnd(this.reindex(kind)) || changed;
    if (!changed) return;
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  /**
   * Brings one kind's entries in line with its documents, pausing (yield)
   * after each BUILD_SLICE documents; returns whether anything changed.
   */
  private *reindex(kind: SearchKind): Generator<void, boolean> {
    const docs = this.docs.get(kind) ?? new Map<string, AnyDoc>();
    const before = this.described.get(kind) ?? new Map<string, string>();
    const after = new Map<string, string>();
    const source = searchSources[kind] as {
      describe(doc: AnyDoc, lookup: Lookup, role: UserRole): Described;
    };
    let changed = false;
    let sinceYield = 0;
    for (const [docId, doc] of docs) {
      if (++sinceYield > BUILD_SLICE) {
        sinceYield = 0;
        yield;
      }
      const described = source.describe(doc, this.lookup, this.role);
      const print = fingerprint(described);
      after.set(docId, print);
      if (before.get(docId) === print) continue;
      this.index.put({ kind, docId, ...described });
      changed = true;
    }
    for (const docId of before.keys()) {
      if (after.has(docId)) continue;
      this.index.remove(kind, docId);
      changed = true;
    }
    this.described.set(kind, after);
    return changed;
  }
}

/** Runs a reindex without pausing: for changes after the first build, which are small. */
function runToEnd(steps: Generator<void, boolean>): boolean {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function fingerprint({ title, detail, keywords }: Described): string {
  return [title, detail, ...keywords.map((k) => k ?? '')].join('\u0000');
}
