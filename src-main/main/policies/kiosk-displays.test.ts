import { describe, expect, it } from 'vitest';
import { planDisplays } from './kiosk-displays';

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const monitor = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 } };
const projector = { id: 3, bounds: { x: -1280, y: 0, width: 1280, height: 720 } };

describe('planDisplays', () => {
  it('one display: nothing to cover, nothing to report', () => {
    expect(planDisplays([laptop], 1, 42)).toEqual({ report: { count: 1, secondary: 0, at: 42 }, cover: [] });
  });

  it('covers every display but the exam one and reports them as secondary', () => {
    expect(planDisplays([laptop, monitor, projector], 1, 42)).toEqual({
      report: { count: 3, secondary: 2, at: 42 },
      cover: [monitor.bounds, projector.bounds],
    });
  });

  it('follows the exam to whichever display holds it', () => {
    expect(planDisplays([laptop, monitor], 2, 0).cover).toEqual([laptop.bounds]);
  });

  it('never reports fewer than the exam display, even from an empty list mid-hotplug', () => {
    expect(planDisplays([], 1, 0).report).toEqual({ count: 1, secondary: 0, at: 0 });
  });
});
