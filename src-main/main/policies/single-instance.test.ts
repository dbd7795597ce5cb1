import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from './single-instance';

describe('single instance', () => {
  it('keeps the first instance, which a second launch brings forward', () => {
    const listeners: (() => void)[] = [];
    const first = { requestSingleInstanceLock: () => true, on: (_e: string, l: () => void) => listeners.push(l) };
    const focus = vi.fn();
    expect(claimSingleInstance(first, focus)).toBe(true);
    listeners.forEach((l) => l());
    expect(focus).toHaveBeenCalledOnce();
  });

  it('tells a second instance to quit, and registers nothing', () => {
    const on = vi.fn();
    expect(claimSingleInstance({ requestSingleInstanceLock: () => false, on }, vi.fn())).toBe(false);
    expect(on).not.toHaveBeenCalled();
  });
});
