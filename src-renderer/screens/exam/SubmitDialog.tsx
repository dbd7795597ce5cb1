import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { questionCount, questionNumbers, type ExamProgress } from '../../exam/progress';

interface SubmitDialogProps {
  isOpen: boolean;
  /** The same counts the navigator shows. */
  progress: ExamProgress;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/**
 * Asks before the one step that cannot be undone, naming what is still open.
 * Counts and question numbers are said in words ("1 question: question 2"),
 * so a number is never read as a count.
 */
export function SubmitDialog({ isOpen, progress, busy, onCancel, onConfirm }: SubmitDialogProps) {
  const { unanswered, flagged } = progress;
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      isDismissable={!busy}
      isKeyboardDismissDisabled={busy}
      onOpenChange={(open) => {
        if (!open && !busy) onCancel();
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title">Submit your test?</Heading>
          {unanswered.length ? (
            <p>
              You have not answered {questionCount(unanswered.length)}: <strong>{questionNumbers(unanswered)}</strong>.
              Unanswered questions count as wrong.
            </p>
          ) : (
            <p>You have answered every question.</p>
          )}
          {flagged.length > 0 && (
            <p>
              You flagged {questionCount(flagged.length)} for review: <strong>{questionNumbers(flagged)}</strong>.
            </p>
          )}
          <p>After you submit, your answers can no longer change.</p>
          <div className="dialog-actions">
            <Button className="button button-quiet" onPress={onCancel} isDisabled={busy} autoFocus>
              Go back to the test
            </Button>
            <Button className="button button-primary" onPress={onConfirm} isDisabled={busy}>
              {busy ? 'Submitting…' : 'Submit test'}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
