// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installPageGuards } from './page-guards';

let remove: (() => void) | undefined;
afterEach(() => {
  remove?.();
  remove = undefined;
  document.body.innerHTML = '';
});

function page() {
  document.body.innerHTML = `
    <p id="question">Which of these is a prime number?</p>
    <div data-answer-field><textarea id="answer"></textarea></div>
    <input id="search" />`;
  return {
    question: document.getElementById('question')!,
    answer: document.getElementById('answer') as HTMLTextAreaElement,
    other: document.getElementById('search') as HTMLInputElement,
  };
}

function dispatch(target: EventTarget, event: Event): boolean {
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

const clipboard = (type: string) => new Event(type, { bubbles: true, cancelable: true });
const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });

describe('installPageGuards', () => {
  it('cancels the context menu everywhere', () => {
    const { question, answer } = page();
    remove = installPageGuards(window, { keys: false, beforeUnload: false });
    expect(dispatch(question, new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
    expect(dispatch(answer, new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(true);
  });

  it.each(['copy', 'cut', 'paste'])('cancels %s outside answer fields only', (type) => {
    const { question, answer, other } = page();
    remove = installPageGuards(window, { keys: false, beforeUnload: false });
    expect(dispatch(question, clipboard(type))).toBe(true);
    expect(dispatch(other, clipboard(type))).toBe(true);
    expect(dispatch(answer, clipboard(type))).toBe(false);
  });

  it('with keys on, refuses shortcuts and reports each once, but not typing or clipboard keys in answers', () => {
    const { question, answer } = page();
    const onBlocked = vi.fn();
    remove = installPageGuards(window, { keys: true, beforeUnload: false, onBlocked });
    expect(dispatch(question, key({ key: 'p', code: 'KeyP', ctrlKey: true }))).toBe(true);
    expect(dispatch(question, key({ key: 'F5', code: 'F5' }))).toBe(true);
    expect(dispatch(question, key({ key: 'F5', code: 'F5', repeat: true }))).toBe(true);
    expect(dispatch(question, key({ key: 'c', code: 'KeyC', ctrlKey: true }))).toBe(true);
    expect(dispatch(answer, key({ key: 'c', code: 'KeyC', ctrlKey: true }))).toBe(false);
    expect(dispatch(answer, key({ key: 'v', code: 'KeyV', ctrlKey: true }))).toBe(false);
    expect(dispatch(answer, key({ key: 'a', code: 'KeyA' }))).toBe(false);
    expect(dispatch(answer, key({ key: 'Backspace', code: 'Backspace' }))).toBe(false);
    expect(onBlocked.mock.calls.map(([b]) => b)).toEqual([
      { policy: 'block-print', shortcut: 'Ctrl+P' },
      { policy: 'block-reload', shortcut: 'F5' },
      { policy: 'clipboard-outside-answers', shortcut: 'Ctrl+C' },
    ]);
  });

  it('with keys off (Electron, where main decides), leaves keydown alone', () => {
    const { question } = page();
    remove = installPageGuards(window, { keys: false, beforeUnload: false });
    expect(dispatch(question, key({ key: 'p', ctrlKey: true }))).toBe(false);
  });

  it('asks before unloading when told to', () => {
    page();
    remove = installPageGuards(window, { keys: false, beforeUnload: true });
    expect(dispatch(window, new Event('beforeunload', { cancelable: true }))).toBe(true);
  });

  it('tells main when focus moves into and out of an answer field', () => {
    const { answer, other } = page();
    const onAnswerFocusChange = vi.fn();
    remove = installPageGuards(window, { keys: false, beforeUnload: false, onAnswerFocusChange });
    answer.focus();
    other.focus();
    other.blur();
    answer.focus();
    expect(onAnswerFocusChange.mock.calls).toEqual([[false], [true], [false], [true]]);
  });

  it('removes every guard when uninstalled', () => {
    const { question } = page();
    installPageGuards(window, { keys: true, beforeUnload: true })();
    expect(dispatch(question, clipboard('copy'))).toBe(false);
    expect(dispatch(question, key({ key: 'p', ctrlKey: true }))).toBe(false);
    expect(dispatch(question, new MouseEvent('contextmenu', { bubbles: true, cancelable: true }))).toBe(false);
  });
});
