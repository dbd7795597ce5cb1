import { formatDate } from '../../format/dates';
import type { CandidateResult } from './released-result';

/** A candidate's result in their list: the released score with its date, or that it is not released yet. */
export function ResultCell({ result }: { result: CandidateResult | undefined }) {
  if (!result) return <span className="muted">—</span>;
  if (result.state === 'awaiting') return <span className="muted">Not released yet</span>;
  return (
    <span className="candidate-result">
      <strong>{formatPercentage(result.percentage)}</strong>
      {result.correct !== undefined && (
        <>
          {' '}
          · {result.correct} of {result.total} correct
        </>
      )}
      <span className="muted">
        {' '}
        · released <time dateTime={result.releasedAt}>{formatDate(result.releasedAt)}</time>
      </span>
    </span>
  );
}

/** Scores are stored with two decimals (72.5, 66.67); whole numbers read without them. */
function formatPercentage(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1).replace(/\.0$/, '')}%`;
}
