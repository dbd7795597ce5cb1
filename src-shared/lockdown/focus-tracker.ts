/*
 * Turns raw focus and visibility signals into proctoring episodes. Electron
 * (window blur/focus/minimize/restore) and the browser build (window
 * blur/focus, document visibility) feed the same tracker, so both report the
 * same events with the same durations.
 *
 * One episode lasts from the first loss (blur or hidden) until the window is
 * both focused and visible again. Minimising both blurs and hides the window;
 * counting that as two events would double the candidate's record, so an
 * episode during which the window was hidden at any point is one tab_switch,
 * otherwise one window_blur.
 */

export type FocusLossType = 'window_blur' | 'tab_switch';

export interface FocusLossEvent {
  type: FocusLossType;
  /** Epoch milliseconds when focus was first lost. */
  startedAt: number;
  /** Whole milliseconds, expressed in seconds (3 decimals), as proctoring_event.duration_seconds stores it. */
  durationSeconds: number;
}

export type FocusSignal = 'blur' | 'focus' | 'hidden' | 'visible';

export interface FocusTracker {
  signal(kind: FocusSignal, at: number): void;
  /** Closes an episode still open (lockdown ends while the window is away) and reports it. */
  flush(at: number): void;
}

export function durationSeconds(startedAt: number, endedAt: number): number {
  return Math.max(0, Math.round(endedAt - startedAt)) / 1000;
}

export function createFocusTracker(
  onLoss: (event: FocusLossEvent) => void,
  initial: { focused: boolean; visible: boolean } = { focused: true, visible: true },
): FocusTracker {
  let focused = initial.focused;
  let visible = initial.visible;
  let startedAt: number | null = null;
  let wasHidden = false;

  const close = (at: number) => {
    if (startedAt === null) return;
    const event: FocusLossEvent = {
      type: wasHidden ? 'tab_switch' : 'window_blur',
      startedAt,
      durationSeconds: durationSeconds(startedAt, at),
    };
    startedAt = null;
    wasHidden = false;
    onLoss(event);
  };

  return {
    signal(kind, at) {
      if (kind === 'blur') focused = false;
      else if (kind === 'focus') focused = true;
      else if (kind === 'hidden') visible = false;
      else visible = true;

      if (!visible) wasHidden = true;
      const away = !focused || !visible;
      if (away && startedAt === null) startedAt = at;
      else if (!away) close(at);
    },
    flush(at) {
      close(at);
    },
  };
}
