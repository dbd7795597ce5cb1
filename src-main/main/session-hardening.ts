import type { Session } from 'electron';
import { withCspHeader } from './policies/csp';
import { isPermissionCheckAllowed, isPermissionRequestAllowed } from './policies/permissions';

/*
 * Wires CSP and permission policies to a session. Everything here is a
 * one-line adapter from an Electron callback to a pure policy function.
 */

export function hardenSession(session: Session, options: { csp: string; ownOrigin: string }): void {
  const { csp, ownOrigin } = options;

  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionRequestAllowed({ permission, requestingUrl: details.requestingUrl, mediaTypes }, ownOrigin));
  });

  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionCheckAllowed({ permission, requestingOrigin, mediaType: details.mediaType }, ownOrigin),
  );

  // HID, serial and USB access: the app never needs them.
  session.setDevicePermissionHandler(() => false);
}
