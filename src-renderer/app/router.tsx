import {
  Outlet,
  createRootRoute,
  createRoute,
  createRouter,
  redirect,
  type RouterHistory,
} from '@tanstack/react-router';
import { useSessionStore } from '../state/session-store';
import { DatabaseGate } from '../data/DatabaseGate';
import { SignInScreen } from '../screens/sign-in/SignInScreen';
import { RequisitionsScreen } from '../screens/recruiter/RequisitionsScreen';
import { InterviewsScreen } from '../screens/recruiter/InterviewsScreen';
import { MyInterviewsScreen } from '../screens/interviewer/MyInterviewsScreen';
import { MyAssessmentsScreen } from '../screens/candidate/MyAssessmentsScreen';
import { FlaggedEventsScreen } from '../screens/proctor/FlaggedEventsScreen';
import { UsersScreen } from '../screens/admin/UsersScreen';
import { CatalogueScreen } from '../screens/super_admin/CatalogueScreen';
import { AppLayout } from './AppLayout';
import { LiveAnnouncer } from './LiveAnnouncer';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';
import { SkipLink } from './SkipLink';
import { homeFor, mayOpen, paths, type ScreenPath } from './navigation';

/*
 * The route tree, built in code (no file-router codegen). Guards read the
 * session store directly: sign-in state lives outside React, so a guard
 * never sees a stale render.
 */

function RootLayout() {
  return (
    <>
      <SkipLink />
      <DatabaseGate>
        <Outlet />
      </DatabaseGate>
      <LiveAnnouncer />
    </>
  );
}

const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFound });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    const user = useSessionStore.getState().user;
    throw redirect({ to: user ? homeFor(user.role) : paths.signIn });
  },
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: paths.signIn,
  beforeLoad: () => {
    const user = useSessionStore.getState().user;
    if (user) throw redirect({ to: homeFor(user.role) });
  },
  component: SignInScreen,
});

/** Signed-in screens share the layout; the id route adds no path segment. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: () => {
    if (!useSessionStore.getState().user) throw redirect({ to: paths.signIn });
  },
  component: AppLayout,
});

/** Sends a role that may not open `path` to its own home instead. */
function guardFor(path: ScreenPath) {
  return () => {
    const user = useSessionStore.getState().user;
    if (!user) throw redirect({ to: paths.signIn });
    if (!mayOpen(user.role, path)) throw redirect({ to: homeFor(user.role) });
  };
}

const requisitionsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.requisitions,
  beforeLoad: guardFor(paths.requisitions),
  component: RequisitionsScreen,
});
const interviewsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.interviews,
  beforeLoad: guardFor(paths.interviews),
  component: InterviewsScreen,
});
const myInterviewsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.myInterviews,
  beforeLoad: guardFor(paths.myInterviews),
  component: MyInterviewsScreen,
});
const myAssessmentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.myAssessments,
  beforeLoad: guardFor(paths.myAssessments),
  component: MyAssessmentsScreen,
});
const flaggedEventsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.flaggedEvents,
  beforeLoad: guardFor(paths.flaggedEvents),
  component: FlaggedEventsScreen,
});
const usersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.users,
  beforeLoad: guardFor(paths.users),
  component: UsersScreen,
});
const catalogueRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.catalogue,
  beforeLoad: guardFor(paths.catalogue),
  component: CatalogueScreen,
});

export const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  signedInRoute.addChildren([
    requisitionsRoute,
    interviewsRoute,
    myInterviewsRoute,
    myAssessmentsRoute,
    flaggedEventsRoute,
    usersRoute,
    catalogueRoute,
  ]),
]);

/** main.tsx passes hash history (works under app:// and file://); tests pass memory history. */
export function createAppRouter(history: RouterHistory) {
  return createRouter({ routeTree, history, defaultPreload: false, defaultErrorComponent: RouteError });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
