import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Form, Heading } from 'react-aria-components';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '@shared/lockdown/proctor-pin';
import { useDatabase } from '../data/database-context';
import { FormTextField } from '../components/FormTextField';
import { PendingButton } from '../components/PendingButton';
import { useSignedInUser } from '../state/session-store';
import { useLiveQuery } from '../hooks/use-live-query';
import { repo } from '../db/repository';
import { newPinProblem, setStationPin, UNLOCK_ROLES } from './proctor-unlock';

/*
 * Where proctors (and admins) set the PIN that unlocks exam stations. Only
 * the scrypt verifier is stored, on their own user document; it syncs to the
 * stations, which check it offline.
 */

const pinSchema = z.object({ pin: z.string(), confirmation: z.string() }).superRefine(({ pin, confirmation }, ctx) => {
  const problem = newPinProblem(pin, confirmation);
  if (problem)
    ctx.addIssue({
      code: 'custom',
      path: [pin === '' || problem.includes('match') ? 'confirmation' : 'pin'],
      message: problem,
    });
});
type PinForm = z.infer<typeof pinSchema>;

export function StationPinForm() {
  const user = useSignedInUser();
  const db = useDatabase();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const own$ = useMemo(() => repo(db, 'user').find$({ selector: { id: user.id } }), [db, user.id]);
  const own = useLiveQuery(own$);
  const hasPin = own.status === 'ready' && Boolean(own.data[0]?.proctor_pin_hash);
  // The PIN is written on the user's own account document, which the first sync brings to this device.
  const accountHere = own.status === 'ready' && own.data.length > 0;
  const { control, handleSubmit, reset } = useForm<PinForm>({
    resolver: zodResolver(pinSchema),
    defaultValues: { pin: '', confirmation: '' },
  });

  if (!(UNLOCK_ROLES as readonly string[]).includes(user.role)) return null;

  async function save({ pin }: PinForm) {
    setError(undefined);
    setStatus('');
    setSaving(true);
    try {
      await setStationPin(db, user.id, pin);
      reset();
      setStatus('Your station PIN is set. Exam stations receive it at their next sync.');
    } catch (e) {
      setError(`The PIN could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="station-pin-heading">
      <Heading level={2} id="station-pin-heading">
        Station PIN
      </Heading>
      <p>
        {hasPin ? 'You have a station PIN. Setting a new one replaces it.' : 'You have not set a station PIN yet.'} Exam
        stations ask for it to end an exam or give extra time.
      </p>
      {own.status === 'ready' && !accountHere && (
        <p role="note">
          Your account has not reached this device yet. The PIN can be set once it has synced with the server.
        </p>
      )}
      <Form className="form" onSubmit={handleSubmit(save)} validationBehavior="aria">
        <FormTextField
          control={control}
          name="pin"
          label="New PIN"
          description={`${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits; not a repeated digit or a simple sequence.`}
          type="password"
          autoComplete="new-password"
          isRequired
          isDisabled={saving || !accountHere}
        />
        <FormTextField
          control={control}
          name="confirmation"
          label="Repeat the PIN"
          type="password"
          autoComplete="new-password"
          isRequired
          isDisabled={saving || !accountHere}
        />
        <p role="status" className="progress-text">
          {saving ? 'Saving…' : status}
        </p>
        <p role="alert" className="form-error">
          {error}
        </p>
        <div>
          <PendingButton
            className="button button-primary"
            type="submit"
            isPending={saving}
            pendingMessage="Saving…"
            isDisabled={!accountHere}
          >
            Set station PIN
          </PendingButton>
        </div>
      </Form>
    </section>
  );
}
