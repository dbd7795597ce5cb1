import type { LockdownPolicyId } from './policies';
import { enforces } from './enforcement';

/*
 * Which key presses a locked-down exam refuses. One pure decision, fed by
 * Electron's before-input-event (its Input object has exactly this shape) and
 * by the browser build's keydown listener (see `fromKeyboardEvent`).
 *
 * Ctrl and Cmd count alike, on every platform: a Mac shortcut on a PC keyboard
 * is harmless to refuse. Ctrl+Alt without Meta is AltGr on Windows and Linux
 * (German AltGr+0 types "}"), so those combinations are text, never a
 * shortcut; only function keys are refused with AltGr.
 */

export interface KeyInput {
  /** Electron: 'keyDown' | 'keyUp' | 'rawKeyDown'; browser: 'keydown' | 'keyup'. Not used to decide. */
  type?: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export interface InputContext {
  /** Focus is in a field where the candidate types an answer: clipboard keys work there. */
  inAnswerField: boolean;
}

export type InputDecision = { block: false } | { block: true; policy: LockdownPolicyId; shortcut: string };

const ALLOW: InputDecision = { block: false };

const FUNCTION_KEY = /^F([1-9]|1\d|2[0-4])$/;
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0', 'Add', 'Subtract']);
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/** The Latin letter a shortcut means, on Latin and non-Latin layouts alike (Ctrl+R on a Russian layout is key "к"). */
function letterOf(input: KeyInput): string | undefined {
  if (/^[a-z]$/i.test(input.key)) return input.key.toLowerCase();
  const fromCode = /^Key([A-Z])$/.exec(input.code ?? '');
  return fromCode ? fromCode[1]!.toLowerCase() : undefined;
}

function describe(input: KeyInput): string {
  const parts = [input.control && 'Ctrl', input.meta && 'Meta', input.alt && 'Alt', input.shift && 'Shift'];
  return [...parts.filter(Boolean), input.key.length === 1 ? input.key.toUpperCase() : input.key].join('+');
}

function policyFor(input: KeyInput, context: InputContext): LockdownPolicyId | null {
  const { key, control, meta, alt, shift } = input;
  const fnKey = FUNCTION_KEY.exec(key) ?? FUNCTION_KEY.exec(input.code ?? '');
  if (fnKey) {
    const n = Number(fnKey[1]);
    if (n === 5) return 'block-reload';
    if (n === 12) return 'block-devtools';
    if (n === 4 && (alt || control)) return 'block-close';
    return 'function-keys';
  }

  // Keys the OS may or may not hand over (Alt+Tab, the Windows/Command key, Alt opening the menu bar).
  if (key === 'Meta' || key === 'OS' || key === 'Alt') return 'system-keys';
  if (key === 'Tab' && (alt || meta)) return 'system-keys';

  const altGr = control && alt && !meta;
  const mod = (control || meta) && !altGr;

  if (!mod) {
    // Legacy Windows clipboard keys: Shift+Insert pastes, Shift+Delete cuts.
    if (shift && (key === 'Insert' || key === 'Delete') && !context.inAnswerField) return 'clipboard-outside-answers';
    return null;
  }

  if (ZOOM_KEYS.has(key) || (!alt && ZOOM_CODES.has(input.code ?? ''))) return 'block-zoom';
  if (key === 'Insert' && !context.inAnswerField) return 'clipboard-outside-answers';

  const letter = letterOf(input);
  switch (letter) {
    case 'r':
      return 'block-reload';
    case 'i':
    case 'j':
      if (shift || (meta && alt)) return 'block-devtools';
      break;
    case 'c':
      if (shift || (meta && alt)) return 'block-devtools';
      return context.inAnswerField ? null : 'clipboard-outside-answers';
    case 'p':
      return 'block-print';
    case 's':
      return 'block-save';
    case 'u':
      return 'block-view-source';
    case 'w':
    case 'q':
      return 'block-close';
    case 'n':
    case 't':
      return 'block-new-window';
    case 'v':
    case 'x':
    case 'a':
      return context.inAnswerField ? null : 'clipboard-outside-answers';
  }
  return null;
}

export function decideKioskInput(input: KeyInput, context: InputContext): InputDecision {
  const policy = policyFor(input, context);
  return policy === null ? ALLOW : { block: true, policy, shortcut: describe(input) };
}

/** The browser's KeyboardEvent in the shape the policy reads. */
export function fromKeyboardEvent(event: {
  type: string;
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): KeyInput {
  return {
    type: event.type,
    key: event.key,
    code: event.code,
    control: event.ctrlKey,
    meta: event.metaKey,
    alt: event.altKey,
    shift: event.shiftKey,
  };
}

/** The before-input-event policy above, as main applies it in kiosk mode. */
export const LOCKDOWN_ENFORCED = enforces('electron', [
  'block-reload',
  'block-devtools',
  'block-zoom',
  'block-print',
  'block-save',
  'block-view-source',
  'block-close',
  'block-new-window',
  'clipboard-outside-answers',
  'function-keys',
  'system-keys',
]);
