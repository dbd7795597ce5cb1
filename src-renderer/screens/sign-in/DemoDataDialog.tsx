import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Button, Form } from 'react-aria-components';
import { PendingButton } from '../../components/PendingButton';
import { useDatabase } from '../../data/database-context';
import { DEMO_PASSWORD_MIN_LENGTH, loadDemoData, type DemoAccount, type DemoProgress } from '../../auth/demo-data';
import { MAX_PASSWORD_LENGTH } from '../../auth/local-verifier';
import { FormDialog } from '../../components/FormDialog';
import { FormTextField } from '../../components/FormTextField';

const demoPasswordSchema = z.object({
  password: z
    .string()
    .min(DEMO_PASSWORD_MIN_LENGTH, `Use at least ${DEMO_PASSWORD_MIN_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
});
type DemoPasswordForm = z.infer<typeof demoPasswordSchema>;

function describeProgress(progress: DemoProgress): string {
  if (progress.step === 'importing') return 'Loading demo data…';
  return `Setting passwords: ${progress.done} of ${progress.total} accounts…`;
}

interface DemoDataDialogProps {
  isOpen: boolean;
  onCancel: () => void;
  onLoaded: (accounts: DemoAccount[]) => void;
}

/** First run: asks for one password for every demo account, then loads the seed. */
export function DemoDataDialog({ isOpen, onCancel, onLoaded }: DemoDataDialogProps) {
  return (
    <FormDialog title="Load demo data" isOpen={isOpen} onCancel={onCancel}>
      {(setBusy) => (
        <>
          <p>
            This fills the local database with a sample hiring pipeline and creates one demo account for each role.
            Choose the password all demo accounts will sign in with on this device.
          </p>
          <DemoPasswordForm onCancel={onCancel} onLoaded={onLoaded} onBusyChange={setBusy} />
        </>
      )}
    </FormDialog>
  );
}

/* Its own component so that closing the dialog discards what was typed. */
function DemoPasswordForm({
  onCancel,
  onLoaded,
  onBusyChange,
}: Omit<DemoDataDialogProps, 'isOpen'> & { onBusyChange: (busy: boolean) => void }) {
  const db = useDatabase();
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  const [error, setError] = useState<string | undefined>();
  const { control, handleSubmit } = useForm<DemoPasswordForm>({
    resolver: zodResolver(demoPasswordSchema),
    defaultValues: { password: '' },
  });
  const busy = progress !== null;

  async function create({ password }: DemoPasswordForm) {
    setError(undefined);
    onBusyChange(true);
    try {
      const accounts = await loadDemoData(db, password, setProgress);
      onLoaded(accounts);
    } catch (e) {
      setError(`Demo data could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setProgress(null);
      onBusyChange(false);
    }
  }

  return (
    <Form className="form" onSubmit={handleSubmit(create)} validationBehavior="aria">
      <FormTextField
        control={control}
        name="password"
        label="Demo password"
        description={`At least ${DEMO_PASSWORD_MIN_LENGTH} characters. It is stored only as a salted hash.`}
        type="password"
        autoComplete="new-password"
        isRequired
        isDisabled={busy}
        autoFocus
      />
      <p role="status" className="progress-text">
        {progress ? describeProgress(progress) : ''}
      </p>
      {error && (
        <p role="alert" className="error-state">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <Button className="button" onPress={onCancel} isDisabled={busy}>
          Cancel
        </Button>
        <PendingButton
          className="button button-primary"
          type="submit"
          isPending={busy}
          pendingMessage="Creating the demo accounts…"
        >
          Create demo accounts
        </PendingButton>
      </div>
    </Form>
  );
}
