import { enforces, type ModuleEnforcement } from '@shared/lockdown/enforcement';
import { decideKioskInput, fromKeyboardEvent } from '@shared/lockdown/input-policy';
import type { LockdownPolicyId } from '@shared/lockdown/policies';
import { isInAnswerField } from './answer-field';

/*
 * The lockdown rules a page enforces itself, in Electron and in the browser
 * alike: no context menu (policy 'context-menu'), clipboard events only in
 * answer fields ('clipboard-outside-answers'). In the browser build the page
 * also refuses the shortcuts of the shared input policy on keydown and asks
 * before unloading; in Electron main refuses them before the page sees them.
 */

export interface PageGuardOptions {
  /** Browser build: apply the input policy to keydown here (Electron does it in main). */
  keys: boolean;
  /** Browser build: ask before the tab closes or reloads. */
  beforeUnload: boolean;
  onBlocked?: (blocked: { policy: LockdownPolicyId; shortcut: string }) => void;
  /** Electron: tell main whether focus is in an answer field, for its own input policy. */
  onAnswerFocusChange?: (inAnswerField: boolean) => void;
}

/**
 * Both sides: the contextmenu and copy/cut/paste listeners (and, in Electron, the answer-field context main's
 * input policy reads). Browser build only: the input policy on keydown, which refuses every shortcut it names
 * (those the browser keeps for itself, e.g. Ctrl+N/T/W outside Keyboard Lock, still reach it), and the
 * beforeunload prompt against reloading, closing and navigating away.
 */
export const LOCKDOWN_ENFORCED: ModuleEnforcement = [
  enforces('electron', ['context-menu', 'clipboard-outside-answers']),
  enforces('browser', [
    'context-menu',
    'clipboard-outside-answers',
    'block-reload',
    'block-devtools',
    'block-zoom',
    'block-print',
    'block-save',
    'block-view-source',
    'block-close',
    'block-new-window',
    'function-keys',
    'system-keys',
    'navigation',
  ]),
];

export function installPageGuards(target: Window, options: PageGuardOptions): () => void {
  const removers: (() => void)[] = [];
  const on = <K extends keyof WindowEventMap>(type: K, handler: (event: WindowEventMap[K]) => void) => {
    // Capture phase: the page's own handlers cannot stop the guard from seeing the event first.
    target.addEventListener(type, handler, { capture: true });
    removers.push(() => target.removeEventListener(type, handler, { capture: true }));
  };

  on('contextmenu', (event) => event.preventDefault());

  const clipboardGuard = (event: ClipboardEvent) => {
    if (!isInAnswerField(event.target)) event.preventDefault();
  };
  on('copy', clipboardGuard);
  on('cut', clipboardGuard);
  on('paste', clipboardGuard);

  if (options.keys) {
    on('keydown', (event) => {
      const decision = decideKioskInput(fromKeyboardEvent(event), { inAnswerField: isInAnswerField(event.target) });
      if (!decision.block) return;
      event.preventDefault();
      if (!event.repeat) options.onBlocked?.({ policy: decision.policy, shortcut: decision.shortcut });
    });
  }

  if (options.beforeUnload) {
    on('beforeunload', (event) => {
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    });
  }

  const onAnswerFocusChange = options.onAnswerFocusChange;
  if (onAnswerFocusChange) {
    let inAnswerField = isInAnswerField(target.document.activeElement);
    onAnswerFocusChange(inAnswerField);
    on('focusin', (event) => {
      const now = isInAnswerField(event.target);
      if (now === inAnswerField) return;
      inAnswerField = now;
      onAnswerFocusChange(now);
    });
  }

  return () => {
    for (const remove of removers.splice(0)) remove();
  };
}
