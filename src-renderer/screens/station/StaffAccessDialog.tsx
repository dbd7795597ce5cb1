import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { PIN_MAX_LENGTH } from '@shared/lockdown/proctor-pin';
import { FormDialog } from '../../components/FormDialog';
import { FormTextField } from '../../components/FormTextField';
import { PendingButton } from '../../components/PendingButton';
import { useDatabase } from '../../data/database-context';
import { staffByPin, staffBySignIn, type StaffPresence } from '../../station/staff-access';

/*
 * The way from the candidates' screen to the station's operator screen:
 * a proctor's PIN (works offline) or a proctor's or admin's online sign-in
 * (station/staff-access.ts). Candidates see only the button that opens this.
 */

interface StaffAccessDialogProps {
  isOpen: boolean;
  serverUrl: string;
  onCancel: () => void;
  onGranted: (staff: StaffPresence) => void;
}

export function StaffAccessDialog(props: StaffAccessDialogProps) {
  return (
    <FormDialog title="Staff access" isOpen={props.isOpen} onCancel={props.onCancel}>
      {(setBusy) => (
        <>
          <p>For proctors and administrators: the station’s bundle, and leaving station mode.</p>
          <StaffForm {...props} onBusyChange={setBusy} />
        </>
      )}
    </FormDialog>
  );
}

const staffSchema = z
  .object({
    method: z.enum(['pin', 'sign_in']),
    pin: z.string(),
    email: z.string(),
    password: z.string(),
  })
  .superRefine((value, ctx) => {
    const missing = (path: 'pin' | 'email' | 'password', message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (value.method === 'pin') {
      if (!value.pin) missing('pin', 'Enter the PIN.');
      else if (value.pin.length > PIN_MAX_LENGTH) missing('pin', `The PIN has at most ${PIN_MAX_LENGTH} digits.`);
      return;
    }
    if (!value.email.trim()) missing('email', 'Enter your email.');
    if (!value.password) missing('password', 'Enter your password.');
  });
type StaffForm = z.infer<typeof staffSchema>;

function StaffForm({
  serverUrl,
  onCancel,
  onGranted,
  onBusyChange,
}: Omit<StaffAccessDialogProps, 'isOpen'> & { onBusyChange: (busy: boolean) => void }) {
  const db = useDatabase();
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const errorId = useId();
  const { control, handleSubmit, setValue, resetField } = useForm<StaffForm>({
    resolver: zodResolver(staffSchema),
    defaultValues: { method: 'pin', pin: '', email: '', password: '' },
  });
  const method = useWatch({ control, name: 'method' });

  async function check(values: StaffForm) {
    setError(undefined);
    setChecking(true);
    onBusyChange(true);
    try {
      const result =
        values.method === 'pin'
          ? await staffByPin(db, values.pin, window.localStorage)
          : await staffBySignIn(serverUrl, { email: values.email.trim(), password: values.password });
      if (!result.ok) {
        setError(result.message);
        resetField(values.method === 'pin' ? 'pin' : 'password');
        return;
      }
      onGranted(result.staff);
    } finally {
      setChecking(false);
      onBusyChange(false);
    }
  }

  return (
    <Form className="form" onSubmit={handleSubmit(check)} validationBehavior="aria" aria-describedby={errorId}>
      <RadioGroup
        className="field radio-group"
        value={method}
        onChange={(value) => {
          setError(undefined);
          setValue('method', value as StaffForm['method']);
        }}
        isDisabled={checking}
      >
        <Label>Prove you are staff with</Label>
        <Radio className="radio-option" value="pin">
          Your station PIN (works offline)
        </Radio>
        <Radio className="radio-option" value="sign_in">
          Your email and password (needs the network)
        </Radio>
      </RadioGroup>
      {method === 'pin' ? (
        <FormTextField
          key="pin"
          control={control}
          name="pin"
          label="Proctor PIN"
          description="6 to 12 digits."
          type="password"
          autoComplete="off"
          isRequired
          isDisabled={checking}
        />
      ) : (
        <>
          <FormTextField
            key="email"
            control={control}
            name="email"
            label="Staff email"
            type="email"
            autoComplete="username"
            isRequired
            isDisabled={checking}
          />
          <FormTextField
            control={control}
            name="password"
            label="Staff password"
            type="password"
            autoComplete="current-password"
            isRequired
            isDisabled={checking}
          />
        </>
      )}
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
          pendingMessage={method === 'pin' ? 'Checking the PIN…' : 'Checking with the server…'}
        >
          Continue
        </PendingButton>
      </div>
    </Form>
  );
}
