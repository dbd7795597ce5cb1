import { afterEach, describe, expect, it } from 'vitest';
import { getBridge, type AssistTenBridge } from './bridge';

const host = globalThis as { assistTen?: AssistTenBridge };

afterEach(() => {
  delete host.assistTen;
});

describe('getBridge', () => {
  it('is undefined in a plain browser (no preload)', () => {
    expect(getBridge()).toBeUndefined();
  });

  it('returns the preload bridge when Electron exposed it', () => {
    const bridge = { invoke: async () => undefined, platform: 'linux' } as unknown as AssistTenBridge;
    host.assistTen = bridge;
    expect(getBridge()).toBe(bridge);
  });
});
