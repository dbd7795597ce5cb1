import { describe, expect, it } from 'vitest';
import { initialValue } from '../../src-server/sync/write/fields';

/* What a created document holds in the fields its writer may not set (computed once per kind and field). */

describe('initial values of fields a client may not set', () => {
  it('are the entity’s create defaults, and a list default is a fresh copy for every document', () => {
    const first = initialValue('candidate', 'skills') as unknown[];
    expect(first).toEqual([]);
    first.push('mutated by one document');
    expect(initialValue('candidate', 'skills')).toEqual([]);
    expect(initialValue('candidate', 'skills')).not.toBe(initialValue('candidate', 'skills'));
  });

  it('start server-owned fields neutral: nothing when optional, else false or zero', () => {
    expect(initialValue('test_session', 'is_scored')).toBe(false);
    expect(initialValue('test_session', 'score_percentage')).toBeUndefined();
    expect(initialValue('test_session', 'no_such_field')).toBeUndefined();
  });
});
