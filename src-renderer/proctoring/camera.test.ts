import { describe, expect, it } from 'vitest';
import { cameraProblemOf } from './camera';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('cameraProblemOf', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'not_found'],
    ['OverconstrainedError', 'not_found'],
    ['NotReadableError', 'unavailable'],
    ['AbortError', 'unavailable'],
  ])('%s is %s', (name, problem) => {
    expect(cameraProblemOf(domError(name))).toBe(problem);
  });

  it('anything else is unavailable', () => {
    expect(cameraProblemOf('boom')).toBe('unavailable');
  });
});
