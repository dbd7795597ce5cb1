import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import {
  Button,
  Dialog,
  DialogTrigger,
  FieldError,
  Form,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  TextArea,
  TextField,
} from 'react-aria-components';
import { PendingButton } from '../../components/PendingButton';
import type { Doc } from '@shared/domain/registry';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useUiStore } from '../../state/ui-store';

/*
 * An interview's preparation notes, with an editor. Both roles that prepare
 * interviews may change them (the recruiter who set the interview up and its
 * interviewers, see src-shared/permissions/table.ts), so the same cell serves
 * both screens. Saving writes the local database only; replication carries
 * the change to the server and to the other side when there is a connection.
 */

const NOTES_MAX = 20_000;
const notesSchema = z.object({
  notes: z.string().max(NOTES_MAX, `Keep the notes under ${NOTES_MAX.toLocaleString('en-GB')} characters.`),
});
type NotesForm = z.infer<typeof notesSchema>;

interface PreparationNotesProps {
  interview: Doc<'interview_session'>;
  candidateName: string | undefined;
}

export function PreparationNotesCell({ interview, candidateName }: PreparationNotesProps) {
  const [isOpen, setOpen] = useState(false);
  const notes = interview.preparation_notes?.trim();
  return (
    <div className="notes-cell">
      <span className="notes-text">{notes ? notes : <span className="muted">No notes</span>}</span>
      <DialogTrigger isOpen={isOpen} onOpenChange={setOpen}>
        <Button
          className="button button-small"
          aria-label={`Edit preparation notes for ${candidateName ?? 'this candidate'}`}
        >
          Edit
        </Button>
        <ModalOverlay className="modal-overlay" isDismissable>
          <Modal className="modal">
            <Dialog className="dialog">
              <Heading slot="title">Preparation notes</Heading>
              <p className="muted">Interview with {candidateName ?? 'an unknown candidate'}</p>
              <NotesEditor interview={interview} onDone={() => setOpen(false)} />
            </Dialog>
          </Modal>
        </ModalOverlay>
      </DialogTrigger>
    </div>
  );
}

/* Its own component so that closing the dialog discards what was typed. */
function NotesEditor({ interview, onDone }: { interview: Doc<'interview_session'>; onDone: () => void }) {
  const db = useDatabase();
  const announce = useUiStore((s) => s.announce);
  const [error, setError] = useState<string | undefined>();
  const { control, handleSubmit, formState } = useForm<NotesForm>({
    resolver: zodResolver(notesSchema),
    defaultValues: { notes: interview.preparation_notes ?? '' },
  });

  async function save({ notes }: NotesForm) {
    setError(undefined);
    try {
      await repo(db, 'interview_session').update(interview.interview_id, { preparation_notes: notes });
      announce('Preparation notes saved.');
      onDone();
    } catch (e) {
      setError(`The notes could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <Form className="form" onSubmit={handleSubmit(save)} validationBehavior="aria">
      <Controller
        control={control}
        name="notes"
        render={({ field, fieldState }) => (
          <TextField
            className="field"
            name={field.name}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            isInvalid={fieldState.invalid}
            validationBehavior="aria"
            autoFocus
          >
            <Label>Preparation notes</Label>
            <TextArea ref={field.ref} rows={6} />
            <FieldError>{fieldState.error?.message}</FieldError>
          </TextField>
        )}
      />
      {error && (
        <p role="alert" className="error-state">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <Button className="button" slot="close">
          Cancel
        </Button>
        <PendingButton
          className="button button-primary"
          type="submit"
          isPending={formState.isSubmitting}
          pendingMessage="Saving the notes…"
        >
          Save notes
        </PendingButton>
      </div>
    </Form>
  );
}
