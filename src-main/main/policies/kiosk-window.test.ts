import { describe, expect, it } from 'vitest';
import { applyWindowSettings, KIOSK_POWER_SAVE_BLOCKER, kioskWindowSettings, type WindowSetters } from './kiosk-window';

function recordingWindow() {
  const calls: [string, ...unknown[]][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, ...args]);
  const window: WindowSetters = {
    setKiosk: record('setKiosk'),
    setFullScreen: record('setFullScreen'),
    setAlwaysOnTop: record('setAlwaysOnTop'),
    setVisibleOnAllWorkspaces: record('setVisibleOnAllWorkspaces'),
    setContentProtection: record('setContentProtection'),
    setMovable: record('setMovable'),
    setResizable: record('setResizable'),
    setMinimizable: record('setMinimizable'),
    setClosable: record('setClosable'),
    setMenuBarVisibility: record('setMenuBarVisibility'),
  };
  return { window, calls };
}

describe('kioskWindowSettings', () => {
  it("locks: kiosk, fullscreen, on top at 'screen-saver' level, on every workspace, capture-protected, fixed", () => {
    expect(kioskWindowSettings(true)).toEqual({
      kiosk: true,
      fullScreen: true,
      alwaysOnTop: { flag: true, level: 'screen-saver' },
      visibleOnAllWorkspaces: true,
      contentProtection: true,
      movable: false,
      resizable: false,
      minimizable: false,
      closable: false,
      menuBarVisible: false,
    });
  });

  it('unlocks to an ordinary window', () => {
    expect(kioskWindowSettings(false)).toEqual({
      kiosk: false,
      fullScreen: false,
      alwaysOnTop: { flag: false, level: 'normal' },
      visibleOnAllWorkspaces: false,
      contentProtection: false,
      movable: true,
      resizable: true,
      minimizable: true,
      closable: true,
      menuBarVisible: true,
    });
  });

  it('keeps the display awake, not merely the system', () => {
    expect(KIOSK_POWER_SAVE_BLOCKER).toBe('prevent-display-sleep');
  });
});

describe('applyWindowSettings', () => {
  it('calls every setter with the locked values', () => {
    const { window, calls } = recordingWindow();
    applyWindowSettings(window, kioskWindowSettings(true));
    expect(calls).toEqual([
      ['setKiosk', true],
      ['setFullScreen', true],
      ['setAlwaysOnTop', true, 'screen-saver'],
      ['setVisibleOnAllWorkspaces', true],
      ['setContentProtection', true],
      ['setMovable', false],
      ['setResizable', false],
      ['setMinimizable', false],
      ['setClosable', false],
      ['setMenuBarVisibility', false],
    ]);
  });

  it('touches the same setters when unlocking, so nothing stays locked', () => {
    const locked = recordingWindow();
    const unlocked = recordingWindow();
    applyWindowSettings(locked.window, kioskWindowSettings(true));
    applyWindowSettings(unlocked.window, kioskWindowSettings(false));
    expect(unlocked.calls.map(([name]) => name)).toEqual(locked.calls.map(([name]) => name));
  });
});
