/*
 * Answer fields are where a candidate may type, and only there may they copy,
 * paste, cut and select all (policy 'clipboard-outside-answers'). The exam
 * marks them by spreading `answerFieldProps` on the input or a container.
 */

export const ANSWER_FIELD_ATTRIBUTE = 'data-answer-field';

export const answerFieldProps = { [ANSWER_FIELD_ATTRIBUTE]: '' } as const;

export function isInAnswerField(target: EventTarget | null): boolean {
  // Text nodes arrive as targets of selection events; their element decides.
  const node = target as (Node & Partial<Element>) | null;
  const element = node && typeof node.closest === 'function' ? (node as Element) : (node?.parentElement ?? null);
  return element?.closest(`[${ANSWER_FIELD_ATTRIBUTE}]`) != null;
}
