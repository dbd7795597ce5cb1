import { describe, expect, it } from 'vitest';
import { decideKioskInput, fromKeyboardEvent, type KeyInput } from './input-policy';
import type { LockdownPolicyId } from './policies';

const NONE = { control: false, meta: false, alt: false, shift: false };
const ctrl = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({ ...NONE, key, control: true, ...extra });
const cmd = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({ ...NONE, key, meta: true, ...extra });
const plain = (key: string, extra: Partial<KeyInput> = {}): KeyInput => ({ ...NONE, key, ...extra });

const outside = { inAnswerField: false };
const inside = { inAnswerField: true };

const blockedEverywhere: [string, KeyInput, LockdownPolicyId][] = [
  ['F5', plain('F5'), 'block-reload'],
  ['Shift+F5', plain('F5', { shift: true }), 'block-reload'],
  ['Ctrl+F5', ctrl('F5'), 'block-reload'],
  ['Ctrl+R', ctrl('r'), 'block-reload'],
  ['Ctrl+Shift+R', ctrl('R', { shift: true }), 'block-reload'],
  ['Cmd+R', cmd('r'), 'block-reload'],
  ['Cmd+Shift+R', cmd('R', { shift: true }), 'block-reload'],
  ['Ctrl+R on a Russian layout', ctrl('к', { code: 'KeyR' }), 'block-reload'],
  ['F12', plain('F12'), 'block-devtools'],
  ['Ctrl+Shift+I', ctrl('I', { shift: true }), 'block-devtools'],
  ['Ctrl+Shift+J', ctrl('J', { shift: true }), 'block-devtools'],
  ['Ctrl+Shift+C', ctrl('C', { shift: true }), 'block-devtools'],
  ['Cmd+Opt+I', cmd('i', { alt: true, code: 'KeyI' }), 'block-devtools'],
  ['Cmd+Opt+I (macOS reports "ˆ")', cmd('ˆ', { alt: true, code: 'KeyI' }), 'block-devtools'],
  ['Cmd+Opt+J', cmd('j', { alt: true }), 'block-devtools'],
  ['Cmd+Opt+C', cmd('c', { alt: true }), 'block-devtools'],
  ['Ctrl++', ctrl('+', { shift: true, code: 'Equal' }), 'block-zoom'],
  ['Ctrl+=', ctrl('=', { code: 'Equal' }), 'block-zoom'],
  ['Ctrl+-', ctrl('-', { code: 'Minus' }), 'block-zoom'],
  ['Ctrl+Shift+_', ctrl('_', { shift: true, code: 'Minus' }), 'block-zoom'],
  ['Ctrl+0', ctrl('0', { code: 'Digit0' }), 'block-zoom'],
  ['Ctrl+Shift+0 (reports ")")', ctrl(')', { shift: true, code: 'Digit0' }), 'block-zoom'],
  ['Ctrl+keypad +', ctrl('+', { code: 'NumpadAdd' }), 'block-zoom'],
  ['Ctrl+keypad -', ctrl('-', { code: 'NumpadSubtract' }), 'block-zoom'],
  ['Cmd+=', cmd('=', { code: 'Equal' }), 'block-zoom'],
  ['Ctrl+P', ctrl('p'), 'block-print'],
  ['Ctrl+Shift+P', ctrl('P', { shift: true }), 'block-print'],
  ['Cmd+P', cmd('p'), 'block-print'],
  ['Ctrl+S', ctrl('s'), 'block-save'],
  ['Ctrl+Shift+S', ctrl('S', { shift: true }), 'block-save'],
  ['Cmd+S', cmd('s'), 'block-save'],
  ['Ctrl+U', ctrl('u'), 'block-view-source'],
  ['Cmd+Opt+U', cmd('u', { alt: true }), 'block-view-source'],
  ['Ctrl+W', ctrl('w'), 'block-close'],
  ['Ctrl+Shift+W', ctrl('W', { shift: true }), 'block-close'],
  ['Ctrl+F4', ctrl('F4'), 'block-close'],
  ['Alt+F4', plain('F4', { alt: true }), 'block-close'],
  ['Cmd+Q', cmd('q'), 'block-close'],
  ['Cmd+W', cmd('w'), 'block-close'],
  ['Ctrl+N', ctrl('n'), 'block-new-window'],
  ['Ctrl+Shift+N', ctrl('N', { shift: true }), 'block-new-window'],
  ['Ctrl+T', ctrl('t'), 'block-new-window'],
  ['Cmd+N', cmd('n'), 'block-new-window'],
  ['Alt+Tab', plain('Tab', { alt: true }), 'system-keys'],
  ['Cmd+Tab', cmd('Tab'), 'system-keys'],
  ['the Windows/Command key', plain('Meta', { meta: true }), 'system-keys'],
  ['Alt alone (menu bar)', plain('Alt', { alt: true }), 'system-keys'],
  ...Array.from({ length: 24 }, (_, i): [string, KeyInput, LockdownPolicyId] => {
    const n = i + 1;
    const policy = n === 5 ? 'block-reload' : n === 12 ? 'block-devtools' : 'function-keys';
    return [`F${n}`, plain(`F${n}`, { code: `F${n}` }), policy];
  }),
  ['F11 with AltGr', ctrl('F11', { alt: true }), 'function-keys'],
];

const clipboardKeys: [string, KeyInput][] = [
  ['Ctrl+C', ctrl('c')],
  ['Ctrl+V', ctrl('v')],
  ['Ctrl+Shift+V', ctrl('V', { shift: true })],
  ['Ctrl+X', ctrl('x')],
  ['Ctrl+A', ctrl('a')],
  ['Cmd+C', cmd('c')],
  ['Cmd+V', cmd('v')],
  ['Cmd+X', cmd('x')],
  ['Cmd+A', cmd('a')],
  ['Ctrl+C on a Greek layout', ctrl('ψ', { code: 'KeyC' })],
  ['Ctrl+Insert (copy)', ctrl('Insert')],
  ['Shift+Insert (paste)', plain('Insert', { shift: true })],
  ['Shift+Delete (cut)', plain('Delete', { shift: true })],
];

const typing: [string, KeyInput][] = [
  ['a letter', plain('a', { code: 'KeyA' })],
  ['a capital', plain('A', { shift: true, code: 'KeyA' })],
  ['a digit', plain('7', { code: 'Digit7' })],
  ['space', plain(' ', { code: 'Space' })],
  ['Backspace', plain('Backspace')],
  ['Delete', plain('Delete')],
  ['Enter', plain('Enter')],
  ['Tab', plain('Tab')],
  ['Shift+Tab', plain('Tab', { shift: true })],
  ['Escape (closes dialogs)', plain('Escape')],
  ['arrow keys', plain('ArrowLeft')],
  ['Ctrl+arrow (word jump)', ctrl('ArrowRight')],
  ['Shift+arrow (select)', plain('ArrowRight', { shift: true })],
  ['Home', plain('Home')],
  ['Ctrl+Z (undo)', ctrl('z')],
  ['Ctrl+Y (redo)', ctrl('y')],
  ['Cmd+Shift+Z (redo)', cmd('z', { shift: true })],
  ['Ctrl+Backspace (delete word)', ctrl('Backspace')],
  ['AltGr+Q on German ("@")', ctrl('@', { alt: true, code: 'KeyQ' })],
  ['AltGr+0 on German ("}")', ctrl('}', { alt: true, code: 'Digit0' })],
  ['AltGr+C on Polish ("ć")', ctrl('ć', { alt: true, code: 'KeyC' })],
  ['AltGr+E ("€")', ctrl('€', { alt: true, code: 'KeyE' })],
  ['a dead key', plain('Dead', { code: 'BracketLeft' })],
  ['an accented letter', plain('é', { code: 'Digit2' })],
];

describe('decideKioskInput', () => {
  it.each(blockedEverywhere)('refuses %s, in and outside answer fields', (_name, input, policy) => {
    for (const context of [outside, inside]) {
      expect(decideKioskInput(input, context)).toMatchObject({ block: true, policy });
    }
  });

  it.each(clipboardKeys)('refuses %s outside answer fields and lets it through inside', (_name, input) => {
    expect(decideKioskInput(input, outside)).toMatchObject({ block: true, policy: 'clipboard-outside-answers' });
    expect(decideKioskInput(input, inside)).toEqual({ block: false });
  });

  it.each(typing)('lets %s through, in and outside answer fields', (_name, input) => {
    expect(decideKioskInput(input, inside)).toEqual({ block: false });
    expect(decideKioskInput(input, outside)).toEqual({ block: false });
  });

  it('decides the same for keyDown and keyUp', () => {
    expect(decideKioskInput({ ...ctrl('r'), type: 'keyUp' }, outside)).toMatchObject({ block: true });
    expect(decideKioskInput({ ...ctrl('r'), type: 'keyDown' }, outside)).toMatchObject({ block: true });
  });

  it('names the shortcut it refused, for the proctoring record', () => {
    expect(decideKioskInput(ctrl('R', { shift: true }), outside)).toEqual({
      block: true,
      policy: 'block-reload',
      shortcut: 'Ctrl+Shift+R',
    });
    expect(decideKioskInput(plain('F4', { alt: true }), outside)).toMatchObject({ shortcut: 'Alt+F4' });
  });
});

describe('fromKeyboardEvent', () => {
  it("maps a browser KeyboardEvent onto Electron's Input shape", () => {
    expect(
      fromKeyboardEvent({
        type: 'keydown',
        key: 'p',
        code: 'KeyP',
        ctrlKey: true,
        metaKey: false,
        altKey: false,
        shiftKey: true,
      }),
    ).toEqual({ type: 'keydown', key: 'p', code: 'KeyP', control: true, meta: false, alt: false, shift: true });
  });
});
