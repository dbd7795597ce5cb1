import type { DisplayReport } from '@shared/ipc/events';
import { enforces } from '../../../src-shared/lockdown/enforcement';

/*
 * Policy 'all-displays': the exam owns every screen. The display showing the
 * exam keeps it; every other display gets a blank cover window, so nothing
 * can be read or run there, and the count is reported to the exam, which
 * records a `second_display` proctoring event when it is above zero.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  bounds: Rect;
}

export interface DisplayPlan {
  report: DisplayReport;
  /** Bounds of each display to cover, one blank window each. */
  cover: Rect[];
}

export function planDisplays(displays: readonly DisplayLike[], examDisplayId: number, at: number): DisplayPlan {
  // The OS always has at least the display the window is on, even if a list arrives empty mid-hotplug.
  const others = displays.filter((d) => d.id !== examDisplayId);
  const count = Math.max(1, others.length + 1);
  return {
    report: { count, secondary: count - 1, at },
    cover: others.map((d) => ({ ...d.bounds })),
  };
}

/** The display plan: a cover on each secondary display, and a second display reported. */
export const LOCKDOWN_ENFORCED = enforces('electron', ['all-displays']);
