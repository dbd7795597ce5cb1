/*
 * The exam's keyboard shortcuts, as a pure mapping from a key press to an
 * action. Keys typed into a text field, and key presses with Ctrl, Alt or
 * Meta, are never taken. Arrow keys on a radio button stay the radio
 * group's own (they move between options).
 */

export type ExamKeyAction =
  { type: 'choose'; index: number } | { type: 'next' } | { type: 'previous' } | { type: 'flag' };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: '1 – 8 or A – H', action: 'Choose that option' },
  { keys: 'N or →', action: 'Next question' },
  { keys: 'P or ←', action: 'Previous question' },
  { keys: 'R', action: 'Flag or unflag the question for review' },
  { keys: '↑ ↓ on an option', action: 'Move between options' },
];

function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable || el.closest('[contenteditable]:not([contenteditable="false"])')) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** A dialog over the test (submit confirmation, proctor unlock) keeps its keys. */
function inDialog(target: EventTarget | null): boolean {
  return Boolean((target as Element | null)?.closest?.('[role="dialog"], [role="alertdialog"]'));
}

const isRadio = (target: EventTarget | null) =>
  (target as HTMLInputElement | null)?.tagName === 'INPUT' && (target as HTMLInputElement).type === 'radio';

export function examKeyAction(press: KeyPress, optionCount: number): ExamKeyAction | undefined {
  if (press.ctrlKey || press.altKey || press.metaKey || isTextEntry(press.target) || inDialog(press.target)) {
    return undefined;
  }
  const key = press.key;
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < optionCount ? { type: 'choose', index } : undefined;
  }
  if (/^[a-h]$/i.test(key)) {
    const index = key.toUpperCase().charCodeAt(0) - 65;
    return index < optionCount ? { type: 'choose', index } : undefined;
  }
  if (key === 'n' || key === 'N') return { type: 'next' };
  if (key === 'p' || key === 'P') return { type: 'previous' };
  if (key === 'r' || key === 'R') return { type: 'flag' };
  if (!isRadio(press.target)) {
    if (key === 'ArrowRight') return { type: 'next' };
    if (key === 'ArrowLeft') return { type: 'previous' };
  }
  return undefined;
}
