import { expect, it } from 'vitest';
import { splitInlineCode } from './inline-code';

it('turns backtick spans into code parts and keeps the rest as text', () => {
  expect(splitInlineCode('What is the type of `x` after `if (typeof x === "string")`?')).toEqual([
    { code: false, text: 'What is the type of ' },
    { code: true, text: 'x' },
    { code: false, text: ' after ' },
    { code: true, text: 'if (typeof x === "string")' },
    { code: false, text: '?' },
  ]);
});

it('lets a longer run hold a backtick, and leaves unmatched backticks as text', () => {
  expect(splitInlineCode('Use `` a ` b `` here')).toEqual([
    { code: false, text: 'Use ' },
    { code: true, text: 'a ` b' },
    { code: false, text: ' here' },
  ]);
  expect(splitInlineCode('a lone ` backtick')).toEqual([{ code: false, text: 'a lone ` backtick' }]);
});

it('never interprets markup: tags stay text inside and outside code', () => {
  expect(splitInlineCode('<b>bold</b> `<img src=x onerror=alert(1)>`')).toEqual([
    { code: false, text: '<b>bold</b> ' },
    { code: true, text: '<img src=x onerror=alert(1)>' },
  ]);
});
