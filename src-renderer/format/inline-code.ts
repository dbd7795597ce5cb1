/*
 * Question texts mark code the way Markdown does: `x`, or ``a ` b`` when the
 * code holds a backtick. This splits a text into plain and code parts (the
 * code-span rule of CommonMark: a run of n backticks opens, the next run of
 * exactly n closes, one space of padding on both sides is dropped). Parts are
 * rendered as React text, never as HTML, so a question cannot inject markup.
 */

export type TextPart = { code: boolean; text: string };

export function splitInlineCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      plain += text[i++];
      continue;
    }
    let run = 0;
    while (text[i + run] === '`') run += 1;
    const close = closingRun(text, i + run, run);
    if (close === -1) {
      // No matching run: the backticks are plain text.
      plain += text.slice(i, i + run);
      i += run;
      continue;
    }
    if (plain) parts.push({ code: false, text: plain });
    plain = '';
    parts.push({ code: true, text: unpad(text.slice(i + run, close)) });
    i = close + run;
  }
  if (plain) parts.push({ code: false, text: plain });
  return parts;
}

function closingRun(text: string, from: number, length: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] !== '`') continue;
    let run = 0;
    while (text[j + run] === '`') run += 1;
    if (run === length) return j;
    j += run - 1;
  }
  return -1;
}

function unpad(code: string): string {
  return code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() ? code.slice(1, -1) : code;
}
