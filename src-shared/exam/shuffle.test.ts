import { describe, expect, it } from 'vitest';
import { displayedOptions, questionOrder, seededShuffle } from './shuffle';

const ids = Array.from({ length: 20 }, (_, i) => `q-${String(i).padStart(2, '0')}`);
const options = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `option ${key}` }));

describe('question order', () => {
  it('is the same for the same session, whatever order the questions come in', () => {
    const reversed = [...ids].reverse();
    expect(questionOrder('session-1', reversed)).toEqual(questionOrder('session-1', ids));
  });

  it('differs between sessions and keeps every question exactly once', () => {
    const a = questionOrder('session-1', ids);
    const b = questionOrder('session-2', ids);
    expect(a).not.toEqual(b);
    expect([...a].sort()).toEqual(ids);
    expect(a).not.toEqual(ids);
  });

  it('drops duplicate ids', () => {
    expect(questionOrder('s', ['x', 'y', 'x'])).toHaveLength(2);
  });
});

describe('displayed options', () => {
  it('relabels the shuffled options A, B, C… and keeps the stored key of each', () => {
    const shown = displayedOptions('session-1', 'q-01', options);
    expect(shown.map((o) => o.letter)).toEqual(['A', 'B', 'C', 'D']);
    for (const o of shown) expect(o.text).toBe(`option ${o.key}`);
    expect(shown.map((o) => o.key).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('is stable for a session and question, and varies across sessions', () => {
    const first = displayedOptions('session-1', 'q-01', options);
    expect(displayedOptions('session-1', 'q-01', [...options].reverse())).toEqual(first);
    const orders = new Set(
      Array.from({ length: 12 }, (_, i) =>
        displayedOptions(`session-${i}`, 'q-01', options)
          .map((o) => o.key)
          .join(''),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });
});

it('a seeded shuffle is a permutation', () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const out = seededShuffle(items, 'seed');
  expect(out).not.toEqual(items);
  expect([...out].sort((a, b) => a - b)).toEqual(items);
});
