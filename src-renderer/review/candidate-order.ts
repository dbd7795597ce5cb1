import type { Doc } from '@shared/domain/registry';
import { displayedOptions } from '@shared/exam/shuffle';

/*
 * A question as one candidate saw it: the options in their session's order
 * (seeded from the session id, src-shared/exam/shuffle.ts, the same function
 * the exam screen uses), lettered as they were lettered on screen, each with
 * its letter in the question bank (the stored key, which answers name).
 */

export interface SeenOption {
  /** The letter the candidate saw. */
  letter: string;
  /** The option's key in the question bank. */
  key: string;
  text: string;
  chosen: boolean;
}

export interface SeenQuestion {
  options: SeenOption[];
  /** Their answer in both orders, if they gave one. */
  answer: { letter: string; key: string } | undefined;
}

export function asCandidateSaw(
  sessionId: string,
  question: Pick<Doc<'question'>, 'id' | 'options'>,
  answer: Pick<Doc<'answer'>, 'selected_answer'> | undefined,
): SeenQuestion {
  const selected = answer?.selected_answer;
  const options = displayedOptions(sessionId, question.id, question.options).map((o) => ({
    letter: o.letter,
    key: o.key,
    text: o.text,
    chosen: o.key === selected,
  }));
  const chosen = options.find((o) => o.chosen);
  return { options, answer: chosen ? { letter: chosen.letter, key: chosen.key } : undefined };
}
