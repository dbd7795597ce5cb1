/*
 * The review screen's keyboard shortcuts, in one table: the handler, the
 * on-screen help and the aria-keyshortcuts attributes all read it.
 */

export type ReviewAction = 'next' | 'previous' | 'first' | 'last' | 'toggleReviewed' | 'toggleFlag' | 'notes';

export interface Shortcut {
  action: ReviewAction;
  /** KeyboardEvent.key values. */
  keys: readonly string[];
  /** The same keys as aria-keyshortcuts spells them. */
  aria: string;
  /** How the help lists the keys. */
  shown: string;
  label: string;
}

export const reviewShortcuts: readonly Shortcut[] = [
  { action: 'next', keys: ['j', 'ArrowDown'], aria: 'J ArrowDown', shown: 'J or ↓', label: 'Next event' },
  { action: 'previous', keys: ['k', 'ArrowUp'], aria: 'K ArrowUp', shown: 'K or ↑', label: 'Previous event' },
  { action: 'first', keys: ['Home'], aria: 'Home', shown: 'Home', label: 'First event' },
  { action: 'last', keys: ['End'], aria: 'End', shown: 'End', label: 'Last event' },
  { action: 'toggleReviewed', keys: ['r'], aria: 'R', shown: 'R', label: 'Mark reviewed, or not reviewed' },
  { action: 'toggleFlag', keys: ['f'], aria: 'F', shown: 'F', label: 'Flag or unflag the event' },
  { action: 'notes', keys: ['n'], aria: 'N', shown: 'N', label: 'Write reviewer notes' },
];

export function shortcutFor(action: ReviewAction): Shortcut {
  return reviewShortcuts.find((s) => s.action === action)!;
}

export interface KeyInput {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** Typing into a field, or a control that uses these keys itself, is never a shortcut. */
function ownsKeys(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  const role = target.getAttribute('role');
  return role === 'listbox' || role === 'option' || role === 'combobox' || role === 'slider';
}

export function reviewActionFor(input: KeyInput): ReviewAction | undefined {
  if (input.altKey || input.ctrlKey || input.metaKey || ownsKeys(input.target)) return undefined;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  return reviewShortcuts.find((s) => s.keys.includes(key))?.action;
}

/** The event index after a stepping action; other actions leave it. */
export function stepIndex(index: number, count: number, action: ReviewAction): number {
  if (count === 0) return 0;
  switch (action) {
    case 'next':
      return Math.min(count - 1, index + 1);
    case 'previous':
      return Math.max(0, index - 1);
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    default:
      return index;
  }
}
