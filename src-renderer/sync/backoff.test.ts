import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const options = { baseMs: 100, maxMs: 1000 };

  it('doubles the window with each attempt up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, options, 0.999999))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('keeps at least half the window, so retries never bunch up at zero', () => {
    expect([0, 1, 2, 10].map((a) => backoffDelay(a, options, 0))).toEqual([50, 100, 200, 500]);
  });

  it('stays finite for absurd attempt counts', () => {
    expect(backoffDelay(10_000, options, 0.5)).toBe(750);
  });
});

describe('sleep', () => {
  it('ends at once when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort();
    await expect(pending).resolves.toBeUndefined();
  });
});
