import { enforces } from '../../../src-shared/lockdown/enforcement';

/*
 * One instance: a second copy would fight the first over the local database
 * and the camera, and a second window would sit outside the kiosk's lock.
 * The first instance keeps the lock; a second launch hands over to it (its
 * window comes to the front) and quits.
 */

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** Whether this process is the one instance; if so, a later launch brings `focusFirst` forward. */
export function claimSingleInstance(app: SingleInstanceApp, focusFirst: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', focusFirst);
  return true;
}

export const LOCKDOWN_ENFORCED = enforces('electron', ['single-instance']);
