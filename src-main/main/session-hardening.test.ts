import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './policies/app-origin';
import { hardenSession } from './session-hardening';

type Headers = Record<string, string[]>;

function fakeSession() {
  const captured: {
    headers?: (
      details: { responseHeaders?: Headers },
      callback: (response: { responseHeaders: Headers }) => void,
    ) => void;
    request?: (wc: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
    check?: (wc: unknown, permission: string, origin: string, details: object) => boolean;
    device?: () => boolean;
  } = {};
  const session = {
    webRequest: {
      onHeadersReceived: (listener: NonNullable<typeof captured.headers>) => (captured.headers = listener),
    },
    setPermissionRequestHandler: (handler: NonNullable<typeof captured.request>) => (captured.request = handler),
    setPermissionCheckHandler: (handler: NonNullable<typeof captured.check>) => (captured.check = handler),
    setDevicePermissionHandler: (handler: NonNullable<typeof captured.device>) => (captured.device = handler),
  };
  hardenSession(session as unknown as Session, { csp: "default-src 'self'", ownOrigin: APP_ORIGIN });
  return captured;
}

function requestPermission(captured: ReturnType<typeof fakeSession>, permission: string, details: object): boolean {
  let granted: boolean | undefined;
  captured.request?.(null, permission, (value) => (granted = value), details);
  if (granted === undefined) throw new Error('permission callback not called');
  return granted;
}

describe('hardenSession', () => {
  it('puts the CSP on every response', () => {
    const captured = fakeSession();
    let headers: Headers | undefined;
    captured.headers?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('grants the camera, and nothing else, to our origin', () => {
    const captured = fakeSession();
    const own = 'app://assist-ten/index.html';
    expect(requestPermission(captured, 'media', { requestingUrl: own, mediaTypes: ['video'] })).toBe(true);
    expect(requestPermission(captured, 'media', { requestingUrl: own, mediaTypes: ['audio'] })).toBe(false);
    expect(requestPermission(captured, 'geolocation', { requestingUrl: own })).toBe(false);
    expect(
      requestPermission(captured, 'media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }),
    ).toBe(false);
  });

  it('answers permission checks with the same policy and denies devices', () => {
    const captured = fakeSession();
    expect(captured.check?.(null, 'media', APP_ORIGIN, { mediaType: 'video' })).toBe(true);
    expect(captured.check?.(null, 'media', APP_ORIGIN, { mediaType: 'audio' })).toBe(false);
    expect(captured.check?.(null, 'notifications', APP_ORIGIN, {})).toBe(false);
    expect(captured.device?.()).toBe(false);
  });
});
