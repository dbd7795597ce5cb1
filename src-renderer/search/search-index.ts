import MiniSearch, { type SearchResult } from 'minisearch';
import type { Described, SearchKind } from './search-sources';

/*
 * The full-text index behind the search box: MiniSearch (MIT, no
 * dependencies, in memory), which matches prefixes ("fisch" finds Fischer)
 * and tolerates typos by edit distance ("fisher" and "fischr" find Fischer;
 * two swapped letters count as two edits, which only words of ten letters or
 * more are allowed). Every word typed must match (AND); accents and case are
 * ignored on both sides.
 *
 * Typo tolerance starts at four letters: on 12,000 documents a fuzzy one- or
 * two-letter term matches most of the vocabulary, slow and useless, and a
 * prefix already covers what short terms mean. The bench ui.search_ms
 * measures a keystroke to results drawn on that many documents.
 */

export interface SearchEntry extends Described {
  kind: SearchKind;
  /** The entity's own id. */
  docId: string;
}

export interface SearchHit {
  /** `${kind}:${docId}`: unique across kinds. */
  id: string;
  kind: SearchKind;
  docId: string;
  title: string;
  detail: string;
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
}

interface IndexedDoc {
  id: string;
  kind: SearchKind;
  docId: string;
  title: string;
  detail: string;
  keywords: string;
}

export const MAX_HITS = 20;
const FUZZY_FROM_LETTERS = 4;
/** Edit distance allowed, as a share of the term's length: 1 typo in 4–9 letters, 2 from 10. */
const FUZZY_SHARE = 0.2;

/** Lower case, without accents: "Müller" and "muller" are one term. */
export function normaliseTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export class SearchIndex {
  private readonly mini = new MiniSearch<IndexedDoc>({
    idField: 'id',
    fields: ['title', 'detail', 'keywords'],
    storeFields: ['kind', 'docId', 'title', 'detail'],
    processTerm: normaliseTerm,
    searchOptions: {
      boost: { title: 3, detail: 1.5 },
      prefix: true,
      fuzzy: (term) => (term.length >= FUZZY_FROM_LETTERS ? FUZZY_SHARE : false),
      combineWith: 'AND',
    },
  });

  get size(): number {
    return this.mini.documentCount;
  }

  /** Adds or replaces an entry. */
  put(entry: SearchEntry): void {
    const doc = toIndexed(entry);
    if (this.mini.has(doc.id)) this.mini.replace(doc);
    else this.mini.add(doc);
  }

  remove(kind: SearchKind, docId: string): void {
    const id = `${kind}:${docId}`;
    if (this.mini.has(id)) this.mini.discard(id);
  }

  /** The best `limit` matches, and how many there are in all. */
  search(query: string, limit = MAX_HITS): SearchResults {
    if (!query.trim()) return { hits: [], total: 0 };
    const all = this.mini.search(query);
    return { hits: all.slice(0, limit).map(toHit), total: all.length };
  }
}

function toIndexed(entry: SearchEntry): IndexedDoc {
  return {
    id: `${entry.kind}:${entry.docId}`,
    kind: entry.kind,
    docId: entry.docId,
    title: entry.title,
    detail: entry.detail,
    keywords: entry.keywords.filter(Boolean).join(' '),
  };
}

function toHit(result: SearchResult): SearchHit {
  return {
    id: String(result.id),
    kind: result.kind as SearchKind,
    docId: String(result.docId),
    title: String(result.title),
    detail: String(result.detail),
  };
}
