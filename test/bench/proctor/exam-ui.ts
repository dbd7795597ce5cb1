/// <reference lib="dom" />
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import type { Stored } from '@shared/storage/stored-doc';
import { collectionOf, type AppDatabase } from '../../../src-renderer/db/database';

/*
 * A stand-in for the exam screen's main-thread work, cheap and steady, so the
 * long-task windows of proctor.main_thread_long_tasks have a UI to disturb:
 * React renders a question (stem, four labelled options, a navigator of every
 * question, the time left) and moves to the next one each second, as a
 * candidate clicking through would; every fifth second the answer is saved to
 * the app database (RxDB on Dexie, validated), as the exam does. The real
 * exam screens are not used: they are not this benchmark's subject.
 */

export interface ExamUi {
  stop(): void;
}

export interface ExamUiOptions {
  db: AppDatabase;
  /** The session's answers to save, one every fifth second, in order (then none). */
  answers: readonly Stored<'answer'>[];
  /** Told which question is on screen, like the exam tells the proctor. */
  onQuestion?: (questionId: string) => void;
  onError: (error: unknown) => void;
}

const STEM =
  'A recruiter reviews a requisition with twelve applications. Three candidates completed the assessment, two ' +
  'were flagged by proctoring and one withdrew. Which of the following describes the next step the hiring ' +
  'policy requires before an offer can be extended to any of the remaining candidates?';

function Question(props: { index: number; total: number; questionId: string; secondsLeft: number }) {
  const { index, total, secondsLeft } = props;
  const time = `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}`;
  return h(
    'main',
    { 'aria-label': 'Exam' },
    h('p', { role: 'timer', 'aria-live': 'off' }, `${time} left`),
    h(
      'nav',
      { 'aria-label': 'Questions' },
      Array.from({ length: total }, (_, i) =>
        h('button', { key: i, type: 'button', 'aria-current': i === index ? 'step' : undefined }, String(i + 1)),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, `Question ${index + 1} of ${total}`),
      h('p', null, `${STEM} (${props.questionId})`),
      ['A', 'B', 'C', 'D'].map((option) =>
        h(
          'label',
          { key: option },
          h('input', { type: 'radio', name: 'answer', value: option }),
          ` Option ${option}: ${STEM.slice(0, 60 + option.charCodeAt(0) - 64)}`,
        ),
      ),
    ),
  );
}

export function startExamUi(container: HTMLElement, options: ExamUiOptions): ExamUi {
  const root = createRoot(container);
  const total = options.answers.length;
  let tick = 0;
  const render = () => {
    const index = tick % total;
    const questionId = options.answers[index]!.question_id;
    options.onQuestion?.(questionId);
    root.render(h(Question, { index, total, questionId, secondsLeft: 3600 - tick }));
  };
  render();
  const timer = setInterval(() => {
    tick += 1;
    render();
    const answer = options.answers[tick / 5 - 1];
    if (tick % 5 === 0 && answer) collectionOf(options.db, 'answers').insert(answer).catch(options.onError);
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      root.unmount();
    },
  };
}
