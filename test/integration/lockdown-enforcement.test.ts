import { describe, expect, it } from 'vitest';
import { claimsOf, type LockdownSide, type ModuleEnforcement } from '@shared/lockdown/enforcement';
import { LOCKDOWN_POLICIES } from '@shared/lockdown/policies';
import { LOCKDOWN_ENFORCED as inputPolicy } from '@shared/lockdown/input-policy';
import { LOCKDOWN_ENFORCED as kioskController } from '../../src-main/main/kiosk/kiosk-controller';
import { LOCKDOWN_ENFORCED as kioskDisplays } from '../../src-main/main/policies/kiosk-displays';
import { LOCKDOWN_ENFORCED as kioskWindow } from '../../src-main/main/policies/kiosk-window';
import { LOCKDOWN_ENFORCED as navigation } from '../../src-main/main/policies/navigation';
import { LOCKDOWN_ENFORCED as permissions } from '../../src-main/main/policies/permissions';
import { LOCKDOWN_ENFORCED as singleInstance } from '../../src-main/main/policies/single-instance';
import { LOCKDOWN_ENFORCED as windowOpen } from '../../src-main/main/policies/window-open';
import { LOCKDOWN_ENFORCED as browserLockdown } from '../../src-renderer/lockdown/browser-lockdown';
import { LOCKDOWN_ENFORCED as pageGuards } from '../../src-renderer/lockdown/page-guards';
import { LOCKDOWN_ENFORCED as proctorUnlock } from '../../src-renderer/lockdown/proctor-unlock';
import { LOCKDOWN_ENFORCED as camera } from '../../src-renderer/proctoring/camera';

/*
 * Every lockdown policy leads to the code that enforces it (src-shared/lockdown/
 * enforcement.ts): for each side the table gives a description, some module
 * claims the policy for that side, and no module claims a policy for a side
 * whose description is null. Electron's claims come from main and from the
 * page (the context menu, the clipboard events, the PIN dialog run in the
 * renderer in the desktop app too); the browser build's from the renderer.
 */

const modules: Record<string, ModuleEnforcement> = {
  'src-shared/lockdown/input-policy.ts': inputPolicy,
  'src-main/main/kiosk/kiosk-controller.ts': kioskController,
  'src-main/main/policies/kiosk-displays.ts': kioskDisplays,
  'src-main/main/policies/kiosk-window.ts': kioskWindow,
  'src-main/main/policies/navigation.ts': navigation,
  'src-main/main/policies/permissions.ts': permissions,
  'src-main/main/policies/single-instance.ts': singleInstance,
  'src-main/main/policies/window-open.ts': windowOpen,
  'src-renderer/lockdown/browser-lockdown.ts': browserLockdown,
  'src-renderer/lockdown/page-guards.ts': pageGuards,
  'src-renderer/lockdown/proctor-unlock.ts': proctorUnlock,
  'src-renderer/proctoring/camera.ts': camera,
};

/** Main-process code runs in Electron only; renderer and shared code in the page, in both. */
const runsOn = (file: string): readonly LockdownSide[] =>
  file.startsWith('src-main/') ? ['electron'] : ['electron', 'browser'];

/** Policy id → the files that claim it, per side. */
function claimed(side: LockdownSide): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [file, enforced] of Object.entries(modules)) {
    for (const claim of claimsOf(enforced)) {
      if (claim.side !== side) continue;
      for (const id of claim.policies) out.set(id, [...(out.get(id) ?? []), file]);
    }
  }
  return out;
}

describe('lockdown enforcement', () => {
  const sides: LockdownSide[] = ['electron', 'browser'];

  it.each(sides.flatMap((side) => LOCKDOWN_POLICIES.filter((p) => p[side] !== null).map((p) => [side, p.id] as const)))(
    '%s: %s is enforced by a module that names it',
    (side, id) => {
      expect(claimed(side).get(id), `${side}: ${id}`).toBeDefined();
    },
  );

  it.each(sides)('%s: no module claims a policy the table gives that side no enforcement for', (side) => {
    for (const [id, files] of claimed(side)) {
      const policy = LOCKDOWN_POLICIES.find((p) => p.id === id);
      expect(policy?.[side], `${files.join(', ')} claim ${side} ${id}`).toBeTruthy();
    }
  });

  it('every module claims something, only for a side its code runs on, each side once', () => {
    for (const [file, enforced] of Object.entries(modules)) {
      const claims = claimsOf(enforced);
      expect(claims.length, file).toBeGreaterThan(0);
      for (const claim of claims) {
        expect(runsOn(file), file).toContain(claim.side);
        expect(claim.policies.length, `${file} ${claim.side}`).toBeGreaterThan(0);
      }
      expect(new Set(claims.map((c) => c.side)).size, file).toBe(claims.length);
    }
  });
});
