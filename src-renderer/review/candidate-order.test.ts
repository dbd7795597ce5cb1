import { expect, it } from 'vitest';
import { displayedOptions } from '@shared/exam/shuffle';
import { asCandidateSaw } from './candidate-order';

const question = {
  id: 'q-1',
  options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `option ${key}` })),
};

it('lists the options in the order and with the letters the candidate saw, and names their answer in both', () => {
  const shown = displayedOptions('session-7', 'q-1', question.options);
  const chosenKey = shown[2]!.key;
  const seen = asCandidateSaw('session-7', question, { selected_answer: chosenKey });
  expect(seen.options.map((o) => [o.letter, o.key])).toEqual(shown.map((o) => [o.letter, o.key]));
  expect(seen.answer).toEqual({ letter: 'C', key: chosenKey });
  expect(seen.options.filter((o) => o.chosen).map((o) => o.text)).toEqual([`option ${chosenKey}`]);
});

it('has no answer when the candidate gave none', () => {
  expect(asCandidateSaw('session-7', question, undefined).answer).toBeUndefined();
  expect(asCandidateSaw('session-7', question, { selected_answer: undefined }).answer).toBeUndefined();
});
