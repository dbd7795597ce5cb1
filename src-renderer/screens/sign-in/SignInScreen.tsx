import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Link, useNavigate } from '@tanstack/react-router';
import { combineLatest, map } from 'rxjs';
import { Button, Form } from 'react-aria-components';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery } from '../../hooks/use-live-query';
import { useAuthService } from '../../auth/auth-context';
import { AuthError } from '../../auth/auth-service';
import type { DemoAccount } from '../../auth/demo-data';
import { MAX_PASSWORD_LENGTH } from '../../auth/local-verifier';
import { hasServerAccounts$ } from '../../auth/server-accounts';
import { useSessionStore } from '../../state/session-store';
import { useUiStore } from '../../state/ui-store';
import { FormTextField } from '../../components/FormTextField';
import { homeFor, stationPaths } from '../../app/navigation';
import { DemoDataDialog } from './DemoDataDialog';
import { DemoAccountsPanel } from './DemoAccountsPanel';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address such as name@example.com.'),
  password: z.string().min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH, 'This password is too long.'),
});
type SignInForm = z.infer<typeof signInSchema>;

type FocusTarget = 'email' | 'password' | 'demo-accounts';

export function SignInScreen() {
  const db = useDatabase();
  const auth = useAuthService();
  const startSession = useSessionStore((s) => s.signIn);
  const announce = useUiStore((s) => s.announce);
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | undefined>();
  const [dialogOpen, setDialogOpen] = useState(false);
  const [demoAccounts, setDemoAccounts] = useState<DemoAccount[]>([]);
  const demoHeadingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterDialog = useRef<FocusTarget | null>(null);
  const { control, handleSubmit, setValue, setFocus, formState } = useForm<SignInForm>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
  });

  // No account has ever been on this device (neither demo data nor a server sign-in): offer demo data,
  // which works with no server at all.
  const anyAccount$ = useMemo(
    () =>
      combineLatest([repo(db, 'user').find$({ limit: 1 }), hasServerAccounts$(db)]).pipe(
        map(([users, server]) => users.length > 0 || server),
      ),
    [db],
  );
  const anyAccount = useLiveQuery(anyAccount$);
  const isFirstRun = anyAccount.status === 'ready' && !anyAccount.data;

  // Runs after the dialog has unmounted, so it wins over the dialog's own focus restoration.
  useEffect(() => {
    const target = focusAfterDialog.current;
    if (dialogOpen || !target) return;
    focusAfterDialog.current = null;
    if (target === 'demo-accounts') demoHeadingRef.current?.focus();
    else setFocus(target);
  }, [dialogOpen, demoAccounts, setFocus]);

  async function submit(credentials: SignInForm) {
    setFormError(undefined);
    try {
      const user = await auth.signIn(credentials);
      startSession(user);
      await navigate({ to: homeFor(user.role) });
    } catch (error) {
      setFormError(
        error instanceof AuthError
          ? error.message
          : `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  function closeDialog(target: FocusTarget) {
    focusAfterDialog.current = target;
    setDialogOpen(false);
  }

  function demoLoaded(accounts: DemoAccount[]) {
    setDemoAccounts(accounts);
    closeDialog('demo-accounts');
    announce(`Demo data loaded. ${accounts.length} demo accounts are ready.`);
  }

  function fillEmail(email: string) {
    setValue('email', email, { shouldValidate: true });
    setFocus('password');
  }

  return (
    <main id="main-content" tabIndex={-1} className="sign-in-page">
      <div className="sign-in-column">
        <section className="panel sign-in-card" aria-labelledby="sign-in-heading">
          <p className="brand" aria-hidden="true">
            Assist-Ten
          </p>
          <h1 id="sign-in-heading" tabIndex={-1} data-screen-heading="">
            Sign in
          </h1>
          <p className="muted">
            Sign in with your Assist-Ten account. Without a connection, accounts that have signed in on this device
            before can still sign in.
          </p>
          <Form className="form" onSubmit={handleSubmit(submit)} validationBehavior="aria">
            <FormTextField
              control={control}
              name="email"
              label="Email"
              type="email"
              autoComplete="username"
              isRequired
              autoFocus
            />
            <FormTextField
              control={control}
              name="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              isRequired
            />
            {/* Always present, so that assistive technology announces the message when it appears. */}
            <div role="alert" aria-atomic="true" className="form-error">
              {formError}
            </div>
            <Button className="button button-primary" type="submit" isPending={formState.isSubmitting}>
              Sign in
            </Button>
          </Form>
        </section>

        {isFirstRun && (
          <section className="panel first-run" aria-labelledby="first-run-heading">
            <h2 id="first-run-heading">First run on this device</h2>
            <p>
              No accounts are stored here yet. Sign in with your organisation’s account, or load demo data to explore
              Assist-Ten on this device alone, with one account per role and no server.
            </p>
            <Button className="button" onPress={() => setDialogOpen(true)}>
              Load demo data
            </Button>
          </section>
        )}

        <section className="panel" aria-labelledby="station-entry-heading">
          <h2 id="station-entry-heading">Exam station</h2>
          <p>
            Proctors and administrators can turn this device into an exam station where candidates take their tests.
          </p>
          <Link className="button" to={stationPaths.setup}>
            Set up this exam station
          </Link>
        </section>

        {demoAccounts.length > 0 && (
          <DemoAccountsPanel accounts={demoAccounts} onUse={fillEmail} headingRef={demoHeadingRef} />
        )}
      </div>

      <DemoDataDialog isOpen={dialogOpen} onCancel={() => closeDialog('email')} onLoaded={demoLoaded} />
    </main>
  );
}
