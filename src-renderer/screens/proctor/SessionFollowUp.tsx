import { useState } from 'react';
import type { Doc } from '@shared/domain/registry';

/** Flags the whole session for follow-up, with a reason recruiters will read on the application. */
export function SessionFollowUp({
  session,
  onFlag,
  onClear,
}: {
  session: Doc<'test_session'>;
  onFlag: (reason: string) => void;
  onClear: () => void;
}) {
  const saved = session.review_reason ?? '';
  const [draft, setDraft] = useState<{ sessionId: string; text: string }>();
  const reason = draft?.sessionId === session.session_id ? draft.text : saved;
  const flagged = session.needs_review === true;
  return (
    <section className="review-follow-up" aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">Session follow-up</h2>
      <p>
        {flagged
          ? `This session is flagged for follow-up${saved ? `: ${saved}` : '.'}`
          : 'This session is not flagged for follow-up.'}
      </p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onFlag(reason);
          setDraft(undefined);
        }}
      >
        <div className="field">
          <label htmlFor="follow-up-reason">Reason for follow-up</label>
          <textarea
            id="follow-up-reason"
            rows={2}
            maxLength={2000}
            required
            value={reason}
            onChange={(e) => setDraft({ sessionId: session.session_id, text: e.target.value })}
          />
        </div>
        <div className="review-actions">
          <button type="submit" className="button button-primary" disabled={!reason.trim()}>
            {flagged ? 'Update the reason' : 'Flag session for follow-up'}
          </button>
          {flagged && (
            <button type="button" className="button button-quiet" onClick={onClear}>
              Clear the follow-up flag
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
