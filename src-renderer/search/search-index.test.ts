import { describe, expect, it } from 'vitest';
import { SearchIndex } from './search-index';

function indexOf(...entries: [kind: 'candidate' | 'job_requisition', title: string, detail?: string][]) {
  const index = new SearchIndex();
  entries.forEach(([kind, title, detail = ''], i) => index.put({ kind, docId: `d${i}`, title, detail, keywords: [] }));
  return index;
}

const titles = (index: SearchIndex, query: string) => index.search(query).hits.map((h) => h.title);

describe('SearchIndex', () => {
  const index = indexOf(
    ['candidate', 'Lena Fischer', 'Backend Engineer · Berlin'],
    ['candidate', 'Jonas Müller', 'Data Analyst · Hamburg'],
    ['candidate', 'Amara Okafor', 'Frontend Engineer · Lagos'],
    ['job_requisition', 'Backend Engineer', 'Platform · Berlin · Open'],
  );

  it('finds words from their first letters', () => {
    expect(titles(index, 'fisch')).toEqual(['Lena Fischer']);
    expect(titles(index, 'ok')).toEqual(['Amara Okafor']);
  });

  it('forgives a typo in a longer word: a letter missing, extra or wrong', () => {
    expect(titles(index, 'Fisher')).toEqual(['Lena Fischer']);
    expect(titles(index, 'Okaffor')).toEqual(['Amara Okafor']);
    expect(titles(index, 'amera')).toEqual(['Amara Okafor']);
    // Short words must be typed right: a fuzzy "ok" would match half the vocabulary.
    expect(titles(index, 'ol')).toEqual([]);
  });

  it('ignores case and accents, both ways', () => {
    expect(titles(index, 'muller')).toEqual(['Jonas Müller']);
    expect(titles(index, 'MÜLL')).toEqual(['Jonas Müller']);
  });

  it('narrows with every word typed, and ranks the title above the detail line', () => {
    expect(titles(index, 'backend')).toEqual(['Backend Engineer', 'Lena Fischer']);
    expect(titles(index, 'backend lena')).toEqual(['Lena Fischer']);
  });

  it('finds nothing for nothing, and nothing for words no document has', () => {
    expect(index.search('   ')).toEqual({ hits: [], total: 0 });
    expect(index.search('zebra')).toEqual({ hits: [], total: 0 });
  });

  it('keeps the best matches and counts them all', () => {
    const many = new SearchIndex();
    for (let i = 0; i < 30; i++)
      many.put({ kind: 'candidate', docId: `c${i}`, title: `Engineer ${i}`, detail: '', keywords: [] });
    const { hits, total } = many.search('engineer', 5);
    expect(hits).toHaveLength(5);
    expect(total).toBe(30);
  });

  it('replaces an entry in place and forgets a removed one', () => {
    const live = indexOf(['candidate', 'Lena Fischer']);
    live.put({ kind: 'candidate', docId: 'd0', title: 'Lena Schmidt', detail: '', keywords: [] });
    expect(titles(live, 'fischer')).toEqual([]);
    expect(titles(live, 'schmidt')).toEqual(['Lena Schmidt']);
    live.remove('candidate', 'd0');
    expect(live.size).toBe(0);
    expect(titles(live, 'lena')).toEqual([]);
  });

  it('tells kinds apart when two documents share an id', () => {
    const both = new SearchIndex();
    both.put({ kind: 'candidate', docId: 'x', title: 'Shared id', detail: '', keywords: [] });
    both.put({ kind: 'job_requisition', docId: 'x', title: 'Shared id', detail: '', keywords: [] });
    expect(
      both
        .search('shared')
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['candidate:x', 'job_requisition:x']);
  });
});
