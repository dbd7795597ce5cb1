import { describe, expect, it } from 'vitest';
import { BROWSER_UNENFORCEABLE, LOCKDOWN_POLICIES, LOCKDOWN_POLICY_IDS } from './policies';

describe('lockdown policy table', () => {
  it('names every policy once', () => {
    expect(new Set(LOCKDOWN_POLICY_IDS).size).toBe(LOCKDOWN_POLICIES.length);
    for (const id of LOCKDOWN_POLICY_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('covers every rule of the issue', () => {
    for (const id of [
      'kiosk',
      'fullscreen',
      'always-on-top',
      'all-displays',
      'content-protection',
      'prevent-sleep',
      'single-instance',
      'block-reload',
      'block-devtools',
      'block-zoom',
      'block-print',
      'block-save',
      'block-view-source',
      'block-close',
      'block-new-window',
      'clipboard-outside-answers',
      'function-keys',
      'context-menu',
      'clipboard-clear',
      'navigation',
      'window-open',
      'permissions',
      'focus-loss',
      'proctor-exit',
    ]) {
      expect(LOCKDOWN_POLICY_IDS).toContain(id);
    }
  });

  it('lists in the reduced-lockdown notice exactly what a browser cannot do', () => {
    expect(BROWSER_UNENFORCEABLE.map((p) => p.id)).toEqual([
      'kiosk',
      'always-on-top',
      'content-protection',
      'prevent-sleep',
      'single-instance',
      'clipboard-clear',
      'window-open',
    ]);
  });
});
