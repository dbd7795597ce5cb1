import { useRef } from 'react';
import { Link, Navigate, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { Button } from 'react-aria-components';
import { useAuthService } from '../auth/auth-context';
import { useSessionStore, type SessionUser } from '../state/session-store';
import { useUiStore } from '../state/ui-store';
import { roleLabels } from '../format/labels';
import { navByRole, paths } from './navigation';
import { MAIN_CONTENT_ID } from './SkipLink';
import { StatusBar } from './StatusBar';
import { useScreenHeadingFocus } from './use-screen-heading-focus';
import { SearchLauncher } from '../search/SearchLauncher';

/** The signed-in window: header, role's sidebar, the current screen and the status bar. */
export function AppLayout() {
  const user = useSessionStore((s) => s.user);
  // Signing out clears the session before navigation completes; never render a screen without a user.
  if (!user) return <Navigate to={paths.signIn} />;
  return <SignedInLayout user={user} />;
}

function SignedInLayout({ user }: { user: SessionUser }) {
  const mainRef = useRef<HTMLElement>(null);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  // After each navigation, focus the new screen's heading so screen readers announce where the user is.
  useScreenHeadingFocus(mainRef, pathname);

  return (
    <div className="app-shell">
      <header className="app-header">
        <span className="brand">Assist-Ten</span>
        <SearchLauncher />
        <div className="user-box">
          <span className="user-name">{user.full_name}</span>
          <span className="user-role">{roleLabels[user.role]}</span>
          <SignOutButton user={user} />
        </div>
      </header>
      <nav aria-label="Main" className="sidebar">
        <ul>
          {navByRole[user.role].map((entry) => (
            <li key={entry.to}>
              <Link to={entry.to} className="nav-link" activeProps={{ className: 'nav-link active' }}>
                {entry.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <StatusBar />
    </div>
  );
}

function SignOutButton({ user }: { user: SessionUser }) {
  const auth = useAuthService();
  const endSession = useSessionStore((s) => s.signOut);
  const announce = useUiStore((s) => s.announce);
  const navigate = useNavigate();
  async function signOut() {
    await auth.signOut(user);
    endSession();
    announce('Signed out.');
    await navigate({ to: paths.signIn });
  }
  return (
    <Button className="button button-quiet" onPress={signOut}>
      Sign out
    </Button>
  );
}
