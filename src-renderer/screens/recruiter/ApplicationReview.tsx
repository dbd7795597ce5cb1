import { Badge } from '../../components/Badge';
import { describeOutcome, type ProctoringOutcome } from '../../review/outcome';

/** The proctoring review's outcome on an application, in one sentence, with a badge for what needs attention. */
export function ApplicationReview({ outcome }: { outcome: ProctoringOutcome | undefined }) {
  if (!outcome) return <span className="muted">No exam taken yet</span>;
  const pending = outcome.flagged - outcome.reviewedFlagged;
  return (
    <span className="application-review">
      {outcome.followUp ? (
        <Badge tone="danger">Follow-up</Badge>
      ) : pending > 0 ? (
        <Badge tone="warning">Under review</Badge>
      ) : (
        <Badge tone="success">Clear</Badge>
      )}{' '}
      {describeOutcome(outcome)}
    </span>
  );
}
