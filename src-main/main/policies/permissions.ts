import { isOwnOrigin } from './app-origin';
import { enforces } from '../../../src-shared/lockdown/enforcement';

/*
 * The only browser permission the app needs is the camera, for exam
 * proctoring. Microphone, screen capture, notifications, geolocation,
 * clipboard, fullscreen (we use an IPC channel for that) and everything else
 * is refused, and the camera only for the app's own pages.
 */

export interface PermissionRequest {
  permission: string;
  requestingUrl: string;
  /** For 'media': the kinds of device requested. */
  mediaTypes?: readonly string[];
}

export function isPermissionRequestAllowed(request: PermissionRequest, ownOrigin: string): boolean {
  if (request.permission !== 'media') return false;
  if (!isOwnOrigin(request.requestingUrl, ownOrigin)) return false;
  const mediaTypes = request.mediaTypes ?? [];
  return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
}

export interface PermissionCheck {
  permission: string;
  requestingOrigin: string;
  /** For 'media': 'video', 'audio' or 'unknown'. */
  mediaType?: string;
}

export function isPermissionCheckAllowed(check: PermissionCheck, ownOrigin: string): boolean {
  return check.permission === 'media' && check.mediaType === 'video' && isOwnOrigin(check.requestingOrigin, ownOrigin);
}

export const LOCKDOWN_ENFORCED = enforces('electron', ['permissions']);
