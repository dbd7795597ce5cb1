import type { LOCKDOWN_POLICIES } from '@shared/lockdown/policies';

/*
 * What each rule a browser cannot enforce would do for the candidate in the
 * desktop app, in their words. The policy table (src-shared/lockdown/policies.ts)
 * stays the one list of rules; this gives each of its browser-unenforceable
 * policies a sentence, and the type makes a new such policy fail to compile
 * until it has one.
 */

type BrowserUnenforceableId = Extract<(typeof LOCKDOWN_POLICIES)[number], { browser: null }>['id'];

export const desktopOnlyForCandidates: Record<BrowserUnenforceableId, string> = {
  kiosk: 'keeps the test window in place, so it cannot be moved, resized or closed',
  'always-on-top': 'keeps the test in front of every other window',
  'content-protection': 'stops screenshots and screen recording of the test',
  'prevent-sleep': 'keeps the screen from going to sleep during the test',
  'single-instance': 'lets only one copy of the app run at a time',
  'clipboard-clear': 'empties the clipboard when the test starts and when it ends',
  'window-open': 'stops the test from opening any other window',
};
