/*
 * Where the candidate stands, counted once: the navigator's summary and the
 * submit dialog both read this, so they can never disagree. Questions are
 * named by their 1-based number on screen.
 */

export interface ProgressItem {
  answered: boolean;
  flagged: boolean;
}

export interface ExamProgress {
  total: number;
  answered: number;
  /** Numbers of the questions not answered yet. */
  unanswered: number[];
  /** Numbers of the questions flagged for review. */
  flagged: number[];
}

export function examProgress(items: readonly ProgressItem[]): ExamProgress {
  const unanswered = items.flatMap((item, i) => (item.answered ? [] : [i + 1]));
  const flagged = items.flatMap((item, i) => (item.flagged ? [i + 1] : []));
  return { total: items.length, answered: items.length - unanswered.length, unanswered, flagged };
}

/** "1 question", "3 questions". */
export function questionCount(n: number): string {
  return `${n} ${n === 1 ? 'question' : 'questions'}`;
}

/** "question 4", "questions 2, 3 and 7": the numbers as a sentence names them. */
export function questionNumbers(numbers: readonly number[]): string {
  if (numbers.length === 1) return `question ${numbers[0]}`;
  return `questions ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
