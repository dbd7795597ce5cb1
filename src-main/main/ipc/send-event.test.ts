import { describe, expect, it, vi } from 'vitest';
import type { IpcEventPayload } from '@shared/ipc/events';
import { sendIpcEvent } from './send-event';

function target(destroyed = false) {
  return { send: vi.fn(), isDestroyed: () => destroyed };
}

describe('sendIpcEvent', () => {
  it('sends a valid payload on the event channel', () => {
    const contents = target();
    sendIpcEvent(contents, 'kiosk:display-report', { count: 2, secondary: 1, at: 7 });
    expect(contents.send).toHaveBeenCalledWith('kiosk:display-report', { count: 2, secondary: 1, at: 7 });
  });

  it('refuses a payload that breaks the contract, naming the field', () => {
    const contents = target();
    const bad = { type: 'window_blur', startedAt: 1, durationSeconds: -2 } as IpcEventPayload<'kiosk:focus-loss'>;
    expect(() => sendIpcEvent(contents, 'kiosk:focus-loss', bad)).toThrow(/kiosk:focus-loss.*durationSeconds/);
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('drops the message quietly when the window is already gone', () => {
    const contents = target(true);
    sendIpcEvent(contents, 'kiosk:display-report', { count: 1, secondary: 0, at: 7 });
    expect(contents.send).not.toHaveBeenCalled();
  });
});
