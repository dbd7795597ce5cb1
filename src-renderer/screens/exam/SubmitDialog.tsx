import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

interface SubmitDialogProps {
  isOpen: boolean;
  /** 1-based numbers of the questions not answered. */
  unanswered: readonly number[];
  flagged: readonly number[];
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

function list(numbers: readonly number[]): string {
  return numbers.join(', ');
}

/** Asks before the one step that cannot be undone, naming what is still open. */
export function SubmitDialog({ isOpen, unanswered, flagged, busy, onCancel, onConfirm }: SubmitDialogProps) {
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
              You have not answered {unanswered.length === 1 ? '1 question' : `${unanswered.length} questions`}:{' '}
              <strong>{list(unanswered)}</strong>. Unanswered questions count as wrong.
            </p>
          ) : (
            <p>You have answered every question.</p>
          )}
          {flagged.length > 0 && <p>Flagged for review: {list(flagged)}.</p>}
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
