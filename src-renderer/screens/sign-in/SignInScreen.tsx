import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { Link, useNavigate } from '@tanstack/react-router';
import { combineLatest, map } from 'rxjs';
import { Form } from 'react-aria-components';
import { PendingButton } from '../../components/PendingButton';
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
import { DeviceDemoOffer } from './DeviceDemoOffer';
import { ServerSetupPanel } from './ServerSetupPanel';
import { useServerSetup } from './use-server-setup';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address.')
    .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address such as name@example.com.'),
  password: z.string().min(1, 'Enter your password.').max(MAX_PASSWORD_LENGTH, 'This password is too long.'),
});
type SignInForm = z.infer<typeof signInSchema>;

type FocusTarget = 'email' | 'password' | 'demo-accounts' | 'opener';

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
  // The button that opened the dialog: Escape or Cancel returns focus there, where the user was.
  const dialogOpener = useRef<HTMLElement | null>(null);
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
  const setup = useServerSetup();
  // With a server to sign in to, device-only demo data is a quiet last line, not a path of its own.
  const serverAnswered = setup.state === 'ready' || setup.state === 'empty';
  const openDialog = () => {
    dialogOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialogOpen(true);
  };
  const demoOffer = isFirstRun && <DeviceDemoOffer setup={setup} onLoad={openDialog} />;

  // The screen changes by itself once the server is seeded: say so to those who cannot see it change.
  // (Seeding means a restart, so the server is usually unreachable for a check or two in between.)
  const sawEmptyServer = useRef(false);
  useEffect(() => {
    if (setup.state === 'empty') sawEmptyServer.current = true;
    if (setup.state !== 'ready' || !sawEmptyServer.current) return;
    sawEmptyServer.current = false;
    announce('The sync server now has accounts. Sign in with one of them.');
  }, [setup.state, announce]);

  // Runs after the dialog has unmounted, so it wins over the dialog's own focus restoration.
  useEffect(() => {
    const target = focusAfterDialog.current;
    if (dialogOpen || !target) return;
    focusAfterDialog.current = null;
    if (target === 'demo-accounts') demoHeadingRef.current?.focus();
    else if (target === 'opener') dialogOpener.current?.focus();
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
            <PendingButton
              className="button button-primary"
              type="submit"
              isPending={formState.isSubmitting}
              pendingMessage="Signing in…"
            >
              Sign in
            </PendingButton>
          </Form>
        </section>

        {setup.state === 'empty' && <ServerSetupPanel url={setup.url} />}
        {!serverAnswered && demoOffer}

        <section className="panel" aria-labelledby="station-entry-heading">
          <h2 id="station-entry-heading">Exam station</h2>
          <p>
            Proctors and administrators can turn this device into an exam station where candidates take their tests.
          </p>
          <Link className="button" to={stationPaths.setup}>
            Set up this exam station
          </Link>
        </section>

        {serverAnswered && demoOffer}

        {demoAccounts.length > 0 && (
          <DemoAccountsPanel accounts={demoAccounts} onUse={fillEmail} headingRef={demoHeadingRef} />
        )}
      </div>

      <DemoDataDialog isOpen={dialogOpen} onCancel={() => closeDialog('opener')} onLoaded={demoLoaded} />
    </main>
  );
}
