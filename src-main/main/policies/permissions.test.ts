import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import { isPermissionCheckAllowed, isPermissionRequestAllowed } from './permissions';

const own = 'app://assist-ten/index.html';

describe('isPermissionRequestAllowed', () => {
  it('grants the camera to our own page', () => {
    expect(
      isPermissionRequestAllowed({ permission: 'media', requestingUrl: own, mediaTypes: ['video'] }, APP_ORIGIN),
    ).toBe(true);
  });

  it.each([{ mediaTypes: ['audio'] }, { mediaTypes: ['video', 'audio'] }, { mediaTypes: [] }, {}])(
    'refuses media with %o',
    (extra) => {
      expect(isPermissionRequestAllowed({ permission: 'media', requestingUrl: own, ...extra }, APP_ORIGIN)).toBe(false);
    },
  );

  it('refuses the camera to another origin', () => {
    expect(
      isPermissionRequestAllowed(
        { permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['video'] },
        APP_ORIGIN,
      ),
    ).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'midiSysex',
    'unknown',
  ])('refuses %s even to our own page', (permission) => {
    expect(isPermissionRequestAllowed({ permission, requestingUrl: own, mediaTypes: ['video'] }, APP_ORIGIN)).toBe(
      false,
    );
  });
});

describe('isPermissionCheckAllowed', () => {
  it('reports the camera as allowed for our origin', () => {
    expect(
      isPermissionCheckAllowed({ permission: 'media', requestingOrigin: APP_ORIGIN, mediaType: 'video' }, APP_ORIGIN),
    ).toBe(true);
  });

  it.each([
    { permission: 'media', requestingOrigin: APP_ORIGIN, mediaType: 'audio' },
    { permission: 'media', requestingOrigin: APP_ORIGIN, mediaType: 'unknown' },
    { permission: 'media', requestingOrigin: APP_ORIGIN },
    { permission: 'media', requestingOrigin: 'https://evil.example', mediaType: 'video' },
    { permission: 'notifications', requestingOrigin: APP_ORIGIN },
  ])('denies %o', (check) => {
    expect(isPermissionCheckAllowed(check, APP_ORIGIN)).toBe(false);
  });
});

describe('permissions during a kiosk exam', () => {
  // The same handlers stay installed in kiosk mode; these are the requests a locked exam must still refuse.
  it.each([
    { permission: 'media', requestingUrl: 'about:blank', mediaTypes: ['video'] },
    { permission: 'media', requestingUrl: 'file:///tmp/exam.html', mediaTypes: ['video'] },
    { permission: 'media', requestingUrl: own, mediaTypes: ['video', 'audio'] },
    { permission: 'display-capture', requestingUrl: own, mediaTypes: ['video'] },
    { permission: 'clipboard-read', requestingUrl: own },
    { permission: 'window-management', requestingUrl: own },
    { permission: 'keyboardLock', requestingUrl: own },
    { permission: 'pointerLock', requestingUrl: own },
  ])('refuses %o', (request) => {
    expect(isPermissionRequestAllowed(request, APP_ORIGIN)).toBe(false);
  });

  it('still lets the exam open the camera for proctoring', () => {
    expect(
      isPermissionRequestAllowed(
        { permission: 'media', requestingUrl: `${own}#/exam/s1`, mediaTypes: ['video'] },
        APP_ORIGIN,
      ),
    ).toBe(true);
  });
});
