import { describe, expect, it } from 'vitest';
import type { Enforcement, LockdownSide } from '@shared/lockdown/enforcement';
import { LOCKDOWN_POLICIES } from '@shared/lockdown/policies';
import { LOCKDOWN_ENFORCED as inputPolicy } from '@shared/lockdown/input-policy';
import { LOCKDOWN_ENFORCED as kioskController } from '../../src-main/main/kiosk/kiosk-controller';
import { LOCKDOWN_ENFORCED as kioskDisplays } from '../../src-main/main/policies/kiosk-displays';
import { LOCKDOWN_ENFORCED as kioskWindow } from '../../src-main/main/policies/kiosk-window';
import { LOCKDOWN_ENFORCED as navigation } from '../../src-main/main/policies/navigation';
import { LOCKDOWN_ENFORCED as permissions } from '../../src-main/main/policies/permissions';
import { LOCKDOWN_ENFORCED as singleInstance } from '../../src-main/main/policies/single-instance';
import { LOCKDOWN_ENFORCED as windowOpen } from '../../src-main/main/policies/window-open';

/*
 * Every lockdown policy leads to the code that enforces it (src-shared/lockdown/
 * enforcement.ts): for each side the table says enforces a policy, some module of
 * that side claims it, and no module claims a policy its side cannot enforce.
 * Policies the Electron app enforces in the page itself (the context menu, the
 * clipboard events, the PIN dialog) are claimed by renderer modules; those are
 * listed in `pageSide` once the renderer tags them.
 */

const electronModules: Record<string, Enforcement> = {
  'src-shared/lockdown/input-policy.ts': inputPolicy,
  'src-main/main/kiosk/kiosk-controller.ts': kioskController,
  'src-main/main/policies/kiosk-displays.ts': kioskDisplays,
  'src-main/main/policies/kiosk-window.ts': kioskWindow,
  'src-main/main/policies/navigation.ts': navigation,
  'src-main/main/policies/permissions.ts': permissions,
  'src-main/main/policies/single-instance.ts': singleInstance,
  'src-main/main/policies/window-open.ts': windowOpen,
};

/** Electron policies enforced in the page rather than in main (the renderer's lockdown code). */
const pageSide = new Set(['context-menu', 'proctor-exit']);

function claimed(modules: Record<string, Enforcement>, side: LockdownSide): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, e] of Object.entries(modules)) {
    expect(e.side, file).toBe(side);
    for (const id of e.policies) out.set(id, [...(out.get(id) ?? []), file]);
  }
  return out;
}

describe('lockdown enforcement', () => {
  const electron = claimed(electronModules, 'electron');

  it.each(LOCKDOWN_POLICIES.filter((p) => !pageSide.has(p.id)).map((p) => [p.id] as const))(
    'Electron: %s is enforced by a module of main that names it',
    (id) => {
      expect(electron.get(id), id).toBeDefined();
    },
  );

  it('claims no policy the table does not give Electron', () => {
    for (const id of electron.keys()) expect(LOCKDOWN_POLICIES.find((p) => p.id === id)?.electron).toBeTruthy();
  });
});
