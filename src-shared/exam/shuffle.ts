import { sha256Hex } from '../domain/ids';
import { seededRandom } from '../seed/random';

/*
 * Per-session order of questions and options. Seeded from the session id, so
 * the same session shows the same exam after a resume (on this station or
 * another one), while two candidates side by side see different orders.
 * The input is sorted first: the order must not depend on the order in which
 * the database happened to return the questions.
 */

function seedOf(text: string): number {
  return Number.parseInt(sha256Hex(text).slice(0, 8), 16);
}

/** A Fisher–Yates shuffle driven by a PRNG seeded from `seedText`. */
export function seededShuffle<T>(items: readonly T[], seedText: string): T[] {
  const random = seededRandom(seedOf(seedText));
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order in which this session asks its questions. */
export function questionOrder(sessionId: string, questionIds: readonly string[]): string[] {
  return seededShuffle([...new Set(questionIds)].sort(byCodeUnit), `${sessionId}\u0000questions`);
}

export interface StoredOption {
  key: string;
  text: string;
}

/** An option as shown: `letter` is what the candidate sees, `key` what the answer stores. */
export interface DisplayedOption extends StoredOption {
  letter: string;
}

/**
 * The options of one question in this session's order, relabelled A, B, C…
 * The answer keeps the ORIGINAL key: the server scores against the question's
 * `correct_answer`, which names original keys.
 */
export function displayedOptions(
  sessionId: string,
  questionId: string,
  options: readonly StoredOption[],
): DisplayedOption[] {
  const sorted = [...options].sort((a, b) => byCodeUnit(a.key, b.key));
  return seededShuffle(sorted, `${sessionId}\u0000${questionId}`).map((option, i) => ({
    ...option,
    letter: String.fromCharCode(65 + i),
  }));
}
