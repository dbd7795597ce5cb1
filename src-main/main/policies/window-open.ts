import { isAllowedExternalUrl } from '@shared/ipc/external-url';
import { enforces } from '../../../src-shared/lockdown/enforcement';

/*
 * The app never opens a second Electron window from web content: new windows
 * would escape the navigation policy. A link meant for the outside world
 * (https, mailto) is handed to the operating system instead, except in kiosk
 * mode (policy 'window-open'): a browser opening over the exam is a way out.
 */
export interface WindowOpenDecision {
  action: 'deny';
  openExternally: boolean;
}

export function decideWindowOpen(url: string, options: { kiosk?: boolean } = {}): WindowOpenDecision {
  return { action: 'deny', openExternally: !options.kiosk && isAllowedExternalUrl(url) };
}

export const LOCKDOWN_ENFORCED = enforces('electron', ['window-open']);
