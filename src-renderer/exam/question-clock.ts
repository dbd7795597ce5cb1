/*
 * Time spent on the question on screen. The exam takes whole seconds from it
 * when the candidate answers, moves on, or at a regular checkpoint; the
 * fraction of a second left over stays for the next take, so many short
 * visits still add up.
 */
export interface QuestionClock {
  /** Starts timing `questionId`; whatever the previous question had is kept for `take`. */
  show(questionId: string | undefined): void;
  /** Whole seconds accrued per question since the last take, and resets them. */
  take(): Map<string, number>;
}

export function createQuestionClock(nowMs: () => number = () => Date.now()): QuestionClock {
  let current: string | undefined;
  let since = nowMs();
  const accrued = new Map<string, number>();

  function settle() {
    const t = nowMs();
    if (current !== undefined) accrued.set(current, (accrued.get(current) ?? 0) + Math.max(0, t - since));
    since = t;
  }

  return {
    show(questionId) {
      settle();
      current = questionId;
    },
    take() {
      settle();
      const out = new Map<string, number>();
      for (const [id, ms] of accrued) {
        const seconds = Math.floor(ms / 1000);
        if (seconds > 0) out.set(id, seconds);
        accrued.set(id, ms - seconds * 1000);
      }
      return out;
    },
  };
}
