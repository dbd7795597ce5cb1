import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { PIN_MAX_LENGTH } from '@shared/lockdown/proctor-pin';
import { useDatabase } from '../data/database-context';
import { FormDialog } from '../components/FormDialog';
import { FormTextField } from '../components/FormTextField';
import { PendingButton } from '../components/PendingButton';
import {
  attemptProctorUnlock,
  EXTRA_TIME_MAX_MINUTES,
  type ProctorUnlock,
  type ThrottleStore,
  type UnlockAction,
} from './proctor-unlock';

/*
 * Policy 'proctor-exit': the only way out of a locked exam, or to more time.
 * A proctor types their PIN; it is checked offline against the verifiers of
 * the staff synced to this station, with wrong PINs throttled. The exam
 * screen applies the result (ends the lockdown, or adds the minutes).
 */

interface ProctorUnlockDialogProps {
  isOpen: boolean;
  onCancel: () => void;
  onUnlock: (unlock: ProctorUnlock) => void;
  /** Offer extra time besides exit (default true). */
  allowExtraTime?: boolean;
  /** Throttle storage; defaults to localStorage so a reload does not reset it. */
  throttleStore?: ThrottleStore;
}

export function ProctorUnlockDialog(props: ProctorUnlockDialogProps) {
  return (
    <FormDialog title="Proctor unlock" isOpen={props.isOpen} onCancel={props.onCancel}>
      {(setBusy) => (
        <>
          <p>A proctor enters their station PIN to end this exam or to give the candidate more time.</p>
          <UnlockForm {...props} onBusyChange={setBusy} />
        </>
      )}
    </FormDialog>
  );
}

const unlockSchema = z
  .object({
    action: z.enum(['exit', 'extra_time']),
    minutes: z.string(),
    pin: z.string().min(1, 'Enter the PIN.').max(PIN_MAX_LENGTH, `The PIN has at most ${PIN_MAX_LENGTH} digits.`),
  })
  .superRefine((value, ctx) => {
    if (value.action !== 'extra_time') return;
    const minutes = Number(value.minutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > EXTRA_TIME_MAX_MINUTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['minutes'],
        message: `Give a whole number of minutes from 1 to ${EXTRA_TIME_MAX_MINUTES}.`,
      });
    }
  });
type UnlockForm = z.infer<typeof unlockSchema>;

function UnlockForm({
  onCancel,
  onUnlock,
  allowExtraTime = true,
  throttleStore,
  onBusyChange,
}: Omit<ProctorUnlockDialogProps, 'isOpen'> & { onBusyChange: (busy: boolean) => void }) {
  const db = useDatabase();
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const errorId = useId();
  const { control, handleSubmit, setValue, resetField } = useForm<UnlockForm>({
    resolver: zodResolver(unlockSchema),
    defaultValues: { action: 'exit', minutes: '10', pin: '' },
  });
  const action = useWatch({ control, name: 'action' });

  async function unlock(values: UnlockForm) {
    setError(undefined);
    setChecking(true);
    onBusyChange(true);
    try {
      const result = await attemptProctorUnlock(db, values.pin, throttleStore ?? window.localStorage);
      if (!result.ok) {
        setError(result.message);
        resetField('pin');
        return;
      }
      const chosen: UnlockAction =
        values.action === 'extra_time' ? { action: 'extra_time', minutes: Number(values.minutes) } : { action: 'exit' };
      onUnlock({ ...chosen, proctorId: result.proctor.id });
    } catch (e) {
      setError(`The PIN could not be checked: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setChecking(false);
      onBusyChange(false);
    }
  }

  return (
    <Form className="form" onSubmit={handleSubmit(unlock)} validationBehavior="aria" aria-describedby={errorId}>
      {allowExtraTime && (
        <RadioGroup
          className="field radio-group"
          value={action}
          onChange={(value) => setValue('action', value as UnlockForm['action'])}
          isDisabled={checking}
        >
          <Label>Unlock</Label>
          <Radio className="radio-option" value="exit">
            End the exam and leave lockdown
          </Radio>
          <Radio className="radio-option" value="extra_time">
            Give extra time
          </Radio>
        </RadioGroup>
      )}
      {allowExtraTime && action === 'extra_time' && (
        <FormTextField control={control} name="minutes" label="Extra minutes" isRequired isDisabled={checking} />
      )}
      <FormTextField
        control={control}
        name="pin"
        label="Proctor PIN"
        description="6 to 12 digits."
        type="password"
        autoComplete="off"
        isRequired
        isDisabled={checking}
        autoFocus
      />
      <p className="progress-text" aria-hidden="true">
        {checking ? 'Checking the PIN…' : ''}
      </p>
      <p id={errorId} role="alert" className="form-error">
        {error}
      </p>
      <div className="dialog-actions">
        <Button className="button" onPress={onCancel} isDisabled={checking}>
          Cancel
        </Button>
        <PendingButton
          className="button button-primary"
          type="submit"
          isPending={checking}
          pendingMessage="Checking the PIN…"
        >
          Unlock
        </PendingButton>
      </div>
    </Form>
  );
}
