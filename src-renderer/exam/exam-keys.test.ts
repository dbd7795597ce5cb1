// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { examKeyAction } from './exam-keys';

const press = (
  key: string,
  target: EventTarget | null = document.body,
  mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {},
) => ({
  key,
  target,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

function element(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild as HTMLElement;
}

describe('exam shortcuts', () => {
  it('choose by number or letter, within the options the question has', () => {
    expect(examKeyAction(press('2'), 4)).toEqual({ type: 'choose', index: 1 });
    expect(examKeyAction(press('c'), 4)).toEqual({ type: 'choose', index: 2 });
    expect(examKeyAction(press('D'), 4)).toEqual({ type: 'choose', index: 3 });
    expect(examKeyAction(press('5'), 4)).toBeUndefined();
    expect(examKeyAction(press('e'), 4)).toBeUndefined();
  });

  it('move and flag', () => {
    expect(examKeyAction(press('n'), 4)).toEqual({ type: 'next' });
    expect(examKeyAction(press('ArrowLeft'), 4)).toEqual({ type: 'previous' });
    expect(examKeyAction(press('P'), 4)).toEqual({ type: 'previous' });
    expect(examKeyAction(press('r'), 4)).toEqual({ type: 'flag' });
  });

  it('never take keys typed into a text field, or with a modifier', () => {
    expect(examKeyAction(press('a', element('<input type="text">')), 4)).toBeUndefined();
    expect(examKeyAction(press('n', element('<textarea></textarea>')), 4)).toBeUndefined();
    expect(examKeyAction(press('n', element('<div contenteditable="true"></div>')), 4)).toBeUndefined();
    expect(examKeyAction(press('c', document.body, { ctrlKey: true }), 4)).toBeUndefined();
    const dialog = element('<div role="dialog"><button>Go back</button></div>');
    expect(examKeyAction(press('n', dialog.querySelector('button')), 4)).toBeUndefined();
  });

  it('leave arrow keys on an option to the radio group', () => {
    expect(examKeyAction(press('ArrowRight', element('<input type="radio">')), 4)).toBeUndefined();
    expect(examKeyAction(press('2', element('<input type="radio">')), 4)).toEqual({ type: 'choose', index: 1 });
  });
});
