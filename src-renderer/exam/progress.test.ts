import { expect, it } from 'vitest';
import { examProgress, questionCount, questionNumbers } from './progress';

it('counts answered, unanswered and flagged questions by their number on screen', () => {
  const progress = examProgress([
    { answered: true, flagged: false },
    { answered: false, flagged: true },
    { answered: false, flagged: false },
  ]);
  expect(progress).toEqual({ total: 3, answered: 1, unanswered: [2, 3], flagged: [2] });
});

it('names counts and question numbers so that one cannot be read as the other', () => {
  expect(questionCount(1)).toBe('1 question');
  expect(questionCount(2)).toBe('2 questions');
  expect(questionNumbers([2])).toBe('question 2');
  expect(questionNumbers([2, 3, 7])).toBe('questions 2, 3 and 7');
});
