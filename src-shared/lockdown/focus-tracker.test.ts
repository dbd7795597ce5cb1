import { describe, expect, it } from 'vitest';
import { createFocusTracker, type FocusLossEvent, type FocusSignal } from './focus-tracker';

function run(signals: [FocusSignal, number][], initial?: { focused: boolean; visible: boolean }) {
  const events: FocusLossEvent[] = [];
  const tracker = createFocusTracker((e) => events.push(e), initial);
  for (const [kind, at] of signals) tracker.signal(kind, at);
  return { events, tracker };
}

describe('createFocusTracker', () => {
  it('reports a blur with its duration when focus returns', () => {
    const { events } = run([
      ['blur', 1_000],
      ['focus', 4_250],
    ]);
    expect(events).toEqual([{ type: 'window_blur', startedAt: 1_000, durationSeconds: 3.25 }]);
  });

  it('reports a hidden page (tab switch, minimise) as tab_switch', () => {
    const { events } = run([
      ['hidden', 10_000],
      ['visible', 12_000],
    ]);
    expect(events).toEqual([{ type: 'tab_switch', startedAt: 10_000, durationSeconds: 2 }]);
  });

  it('counts blur + hide + show + focus (minimise and restore) as one tab_switch from the first loss', () => {
    const { events } = run([
      ['blur', 100],
      ['hidden', 150],
      ['visible', 5_000],
      ['focus', 5_100],
    ]);
    expect(events).toEqual([{ type: 'tab_switch', startedAt: 100, durationSeconds: 5 }]);
  });

  it('does not end an episode while the window is visible but still unfocused', () => {
    const { events } = run([
      ['hidden', 0],
      ['visible', 1_000],
    ]);
    expect(events).toHaveLength(1);
    const second = run([
      ['blur', 0],
      ['hidden', 10],
      ['visible', 1_000],
    ]);
    expect(second.events).toEqual([]);
  });

  it('reports separate episodes separately, and ignores repeated signals', () => {
    const { events } = run([
      ['blur', 0],
      ['blur', 500],
      ['focus', 1_000],
      ['focus', 1_500],
      ['blur', 2_000],
      ['focus', 2_001],
    ]);
    expect(events).toEqual([
      { type: 'window_blur', startedAt: 0, durationSeconds: 1 },
      { type: 'window_blur', startedAt: 2_000, durationSeconds: 0.001 },
    ]);
  });

  it('flush closes an open episode (lockdown ends while away) and nothing else', () => {
    const { events, tracker } = run([['blur', 0]]);
    tracker.flush(2_500);
    tracker.flush(9_000);
    expect(events).toEqual([{ type: 'window_blur', startedAt: 0, durationSeconds: 2.5 }]);
  });

  it('starting unfocused opens no episode until focus was had', () => {
    const { events } = run([['focus', 100]], { focused: false, visible: true });
    expect(events).toEqual([]);
  });

  it('rounds to whole milliseconds, never negative', () => {
    const { events } = run([
      ['blur', 10.4],
      ['focus', 1_010.9],
    ]);
    expect(events[0]!.durationSeconds).toBe(1.001);
    const backwards = run([
      ['blur', 5_000],
      ['focus', 4_000],
    ]);
    expect(backwards.events[0]!.durationSeconds).toBe(0);
  });
});
