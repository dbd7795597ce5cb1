import { useState, type ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/*
 * A modal dialog around a form that may be busy (hashing, importing): while
 * busy, Escape and a click outside do not close it, so work is never
 * abandoned half-way. The form reports busy through the setter it is given.
 */
interface FormDialogProps {
  title: string;
  isOpen: boolean;
  onCancel: () => void;
  /** The dialog's body; `setBusy` locks the dialog open while the form works. */
  children: (setBusy: (busy: boolean) => void) => ReactNode;
}

export function FormDialog({ title, isOpen, onCancel, children }: FormDialogProps) {
  const [busy, setBusy] = useState(false);
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open && !busy) onCancel();
      }}
      isDismissable={!busy}
      isKeyboardDismissDisabled={busy}
    >
      <Modal className="modal">
        <Dialog className="dialog">
          <Heading slot="title">{title}</Heading>
          {children(setBusy)}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
