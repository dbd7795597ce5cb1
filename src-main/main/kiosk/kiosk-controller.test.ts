import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { DisplayLike, Rect } from '../policies/kiosk-displays';
import { createKioskController, type KioskScreen, type KioskWindow } from './kiosk-controller';

class FakeWebContents extends EventEmitter {
  sent: [string, unknown][] = [];
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return false;
  }
  sentOn(channel: string) {
    return this.sent.filter(([c]) => c === channel).map(([, p]) => p);
  }
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  state: Record<string, unknown> = {};
  focused = true;
  destroyed = false;
  setKiosk = (v: boolean) => void (this.state.kiosk = v);
  setFullScreen = (v: boolean) => void (this.state.fullScreen = v);
  setAlwaysOnTop = (v: boolean, level?: string) => void (this.state.alwaysOnTop = [v, level]);
  setVisibleOnAllWorkspaces = (v: boolean) => void (this.state.allWorkspaces = v);
  setContentProtection = (v: boolean) => void (this.state.contentProtection = v);
  setMovable = (v: boolean) => void (this.state.movable = v);
  setResizable = (v: boolean) => void (this.state.resizable = v);
  setMinimizable = (v: boolean) => void (this.state.minimizable = v);
  setClosable = (v: boolean) => void (this.state.closable = v);
  setMenuBarVisibility = (v: boolean) => void (this.state.menuBar = v);
  getBounds = (): Rect => ({ x: 0, y: 0, width: 1280, height: 800 });
  isFocused = () => this.focused;
  isVisible = () => true;
  isMinimized = () => false;
  isDestroyed = () => this.destroyed;
}

class FakeScreen extends EventEmitter {
  displays: DisplayLike[] = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
  getAllDisplays = () => this.displays;
  getDisplayMatching = () => this.displays[0]!;
}

const monitor: DisplayLike = { id: 2, bounds: { x: 1920, y: 0, width: 2560, height: 1440 } };

function setup() {
  let clock = 1_000;
  const screen = new FakeScreen();
  const window = new FakeWindow();
  const covers: { bounds: Rect; destroy: ReturnType<typeof vi.fn> }[] = [];
  const deps = {
    screen: screen as unknown as KioskScreen,
    powerSaveBlocker: { start: vi.fn(() => 17), stop: vi.fn() },
    clearClipboard: vi.fn(),
    createCover: vi.fn((bounds: Rect) => {
      const cover = { bounds, destroy: vi.fn() };
      covers.push(cover);
      return cover;
    }),
    now: () => clock,
  };
  const kiosk = createKioskController(deps);
  const advance = (ms: number) => (clock += ms);
  return { kiosk, deps, screen, window, win: window as unknown as KioskWindow, covers, advance };
}

const keyDown = (key: string, mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {}) => ({
  type: 'keyDown',
  key,
  code: '',
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

function press(window: FakeWindow, input: ReturnType<typeof keyDown>) {
  const event = { preventDefault: vi.fn() };
  window.webContents.emit('before-input-event', event, input);
  return event.preventDefault.mock.calls.length > 0;
}

describe('kiosk controller', () => {
  it('entering locks the window, clears the clipboard, keeps the display awake and reports displays', () => {
    const { kiosk, deps, window, win } = setup();
    expect(kiosk.enter(win)).toEqual({ active: true, displays: { count: 1, secondary: 0, at: 1_000 } });
    expect(window.state).toMatchObject({
      kiosk: true,
      fullScreen: true,
      alwaysOnTop: [true, 'screen-saver'],
      contentProtection: true,
      closable: false,
    });
    expect(deps.clearClipboard).toHaveBeenCalledOnce();
    expect(deps.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(window.webContents.sentOn('kiosk:display-report')).toEqual([{ count: 1, secondary: 0, at: 1_000 }]);
    expect(kiosk.isActive()).toBe(true);
  });

  it('entering twice changes nothing the second time', () => {
    const { kiosk, deps, window, win } = setup();
    kiosk.enter(win);
    kiosk.enter(win);
    expect(deps.powerSaveBlocker.start).toHaveBeenCalledOnce();
    expect(window.listenerCount('blur')).toBe(1);
    expect(window.webContents.listenerCount('before-input-event')).toBe(1);
  });

  it('covers a second display, reports it, and follows displays plugged in and out', () => {
    const { kiosk, screen, window, win, covers, advance } = setup();
    screen.displays = [...screen.displays, monitor];
    expect(kiosk.enter(win).displays).toEqual({ count: 2, secondary: 1, at: 1_000 });
    expect(covers.map((c) => c.bounds)).toEqual([monitor.bounds]);

    advance(500);
    screen.displays = [screen.displays[0]!];
    screen.emit('display-removed');
    expect(covers[0]!.destroy).toHaveBeenCalledOnce();
    expect(window.webContents.sentOn('kiosk:display-report').at(-1)).toEqual({ count: 1, secondary: 0, at: 1_500 });

    screen.displays = [...screen.displays, monitor];
    screen.emit('display-added');
    expect(covers).toHaveLength(2);
    expect(kiosk.status(win).displays).toMatchObject({ secondary: 1 });
  });

  it('reports focus lost and regained, and minimise/restore as one tab switch, with durations', () => {
    const { kiosk, window, win, advance } = setup();
    kiosk.enter(win);
    window.emit('blur');
    advance(2_000);
    window.emit('focus');
    advance(1_000);
    window.emit('blur');
    window.emit('minimize');
    advance(5_500);
    window.emit('restore');
    window.emit('focus');
    expect(window.webContents.sentOn('kiosk:focus-loss')).toEqual([
      { type: 'window_blur', startedAt: 1_000, durationSeconds: 2 },
      { type: 'tab_switch', startedAt: 4_000, durationSeconds: 5.5 },
    ]);
  });

  it('refuses shortcuts before the page sees them and reports each once', () => {
    const { kiosk, window, win } = setup();
    kiosk.enter(win);
    expect(press(window, keyDown('r', { control: true }))).toBe(true);
    expect(press(window, { ...keyDown('r', { control: true }), type: 'keyUp' })).toBe(true);
    expect(press(window, keyDown('F12'))).toBe(true);
    expect(press(window, keyDown('a'))).toBe(false);
    expect(window.webContents.sentOn('kiosk:blocked-input')).toEqual([
      { policy: 'block-reload', shortcut: 'Ctrl+R', at: 1_000 },
      { policy: 'block-devtools', shortcut: 'F12', at: 1_000 },
    ]);
  });

  it('lets clipboard keys through only while the page says focus is in an answer field', () => {
    const { kiosk, window, win } = setup();
    kiosk.enter(win);
    expect(press(window, keyDown('v', { control: true }))).toBe(true);
    kiosk.setInputContext(win, true);
    expect(press(window, keyDown('v', { control: true }))).toBe(false);
    expect(press(window, keyDown('p', { control: true }))).toBe(true);
    kiosk.setInputContext(win, false);
    expect(press(window, keyDown('c', { control: true }))).toBe(true);
  });

  it('refuses to close and puts fullscreen back while locked', () => {
    const { kiosk, window, win } = setup();
    kiosk.enter(win);
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    window.state.fullScreen = false;
    window.emit('leave-full-screen');
    expect(window.state.fullScreen).toBe(true);
  });

  it('exiting undoes everything: settings, listeners, covers, power lock, clipboard', () => {
    const { kiosk, deps, screen, window, win, covers, advance } = setup();
    screen.displays = [...screen.displays, monitor];
    kiosk.enter(win);
    window.emit('blur');
    advance(3_000);
    expect(kiosk.exit(win)).toEqual({ active: false, displays: null });

    expect(window.state).toMatchObject({ kiosk: false, fullScreen: false, alwaysOnTop: [false, 'normal'] });
    expect(window.state.contentProtection).toBe(false);
    expect(deps.powerSaveBlocker.stop).toHaveBeenCalledWith(17);
    expect(covers[0]!.destroy).toHaveBeenCalledOnce();
    expect(deps.clearClipboard).toHaveBeenCalledTimes(2);
    // The blur still open at exit is reported with its duration so far.
    expect(window.webContents.sentOn('kiosk:focus-loss')).toEqual([
      { type: 'window_blur', startedAt: 1_000, durationSeconds: 3 },
    ]);
    for (const event of ['blur', 'focus', 'minimize', 'close', 'leave-full-screen', 'closed']) {
      expect(window.listenerCount(event), event).toBe(0);
    }
    expect(window.webContents.listenerCount('before-input-event')).toBe(0);
    expect(screen.listenerCount('display-added')).toBe(0);
    expect(kiosk.isActive()).toBe(false);

    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).not.toHaveBeenCalled();
  });

  it('releases the power lock and covers when a locked window is destroyed', () => {
    const { kiosk, deps, screen, window, win, covers } = setup();
    screen.displays = [...screen.displays, monitor];
    kiosk.enter(win);
    window.destroyed = true;
    window.emit('closed');
    expect(deps.powerSaveBlocker.stop).toHaveBeenCalledWith(17);
    expect(covers[0]!.destroy).toHaveBeenCalledOnce();
    expect(kiosk.isActive()).toBe(false);
    expect(kiosk.exit(win)).toEqual({ active: false, displays: null });
  });

  it('exit without enter only clears the clipboard', () => {
    const { kiosk, deps, window, win } = setup();
    expect(kiosk.exit(win)).toEqual({ active: false, displays: null });
    expect(window.state).toEqual({});
    expect(deps.powerSaveBlocker.stop).not.toHaveBeenCalled();
    expect(deps.clearClipboard).toHaveBeenCalledOnce();
  });
});
