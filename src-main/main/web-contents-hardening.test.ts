import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from './policies/app-origin';
import { hardenWebContents } from './web-contents-hardening';

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

function setup(isKiosk?: () => boolean) {
  const contents = new FakeWebContents();
  const openExternal = vi.fn();
  hardenWebContents(contents as unknown as WebContents, {
    ownOrigin: APP_ORIGIN,
    openExternal,
    log: () => undefined,
    isKiosk,
  });
  return { contents, openExternal };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: blocks foreign URLs and lets our own through',
    (name) => {
      const { contents } = setup();
      const foreign = navigationEvent('https://evil.example/');
      const own = navigationEvent('app://assist-ten/index.html');
      contents.emit(name, foreign);
      contents.emit(name, own);
      expect(foreign.preventDefault).toHaveBeenCalled();
      expect(own.preventDefault).not.toHaveBeenCalled();
    },
  );

  it('denies every new window and hands only allowed links to the OS', () => {
    const { contents, openExternal } = setup();
    expect(contents.windowOpenHandler?.({ url: 'https://assistten.io/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://assist-ten/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://assistten.io/']]);
  });

  it('prevents <webview> attachment', () => {
    const { contents } = setup();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('in kiosk mode refuses every navigation and opens nothing outside, and relaxes again after', () => {
    let kiosk = true;
    const { contents, openExternal } = setup(() => kiosk);
    const own = navigationEvent('app://assist-ten/index.html');
    contents.emit('will-navigate', own);
    expect(own.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'https://assistten.io/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();

    kiosk = false;
    const later = navigationEvent('app://assist-ten/index.html');
    contents.emit('will-navigate', later);
    expect(later.preventDefault).not.toHaveBeenCalled();
    contents.windowOpenHandler?.({ url: 'https://assistten.io/' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});
