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
import { ReviewQueueScreen } from '../screens/proctor/ReviewQueueScreen';
import { StationPinScreen } from '../screens/proctor/StationPinScreen';
import { SessionReviewScreen } from '../screens/proctor/SessionReviewScreen';
import { ApplicationsScreen } from '../screens/recruiter/ApplicationsScreen';
import { UsersScreen } from '../screens/admin/UsersScreen';
import { CatalogueScreen } from '../screens/super_admin/CatalogueScreen';
import { ExamStartScreen, validateExamStartSearch } from '../screens/exam/ExamStartScreen';
import { ExamScreen } from '../screens/exam/ExamScreen';
import { StationSetupScreen } from '../screens/station/StationSetupScreen';
import { StationStaffScreen } from '../screens/station/StationStaffScreen';
import { TokenEntryScreen } from '../screens/station/TokenEntryScreen';
import { useStaffAccess } from '../station/staff-access';
import { useStationStore } from '../station/station-store';
import { AppLayout } from './AppLayout';
import { LiveAnnouncer } from './LiveAnnouncer';
import { NotFound } from './NotFound';
import { RouteError } from './RouteError';
import { SkipLink } from './SkipLink';
import { examPaths, homeFor, mayOpen, paths, stationPaths, type ScreenPath } from './navigation';

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
    if (useStationStore.getState().station) throw redirect({ to: stationPaths.home });
    const user = useSessionStore.getState().user;
    throw redirect({ to: user ? homeFor(user.role) : paths.signIn });
  },
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: paths.signIn,
  beforeLoad: () => {
    // A station window stays a station until a proctor leaves station mode.
    if (useStationStore.getState().station) throw redirect({ to: stationPaths.home });
    const user = useSessionStore.getState().user;
    if (user) throw redirect({ to: homeFor(user.role) });
  },
  component: SignInScreen,
});

/* Exam station mode (station/station-store.ts): outside the signed-in layout, no person is signed in. */
const stationSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: stationPaths.setup,
  beforeLoad: () => {
    if (useStationStore.getState().station) throw redirect({ to: stationPaths.home });
    const user = useSessionStore.getState().user;
    if (user) throw redirect({ to: homeFor(user.role) });
  },
  component: StationSetupScreen,
});
const stationHomeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: stationPaths.home,
  beforeLoad: () => {
    if (!useStationStore.getState().station) throw redirect({ to: stationPaths.setup });
  },
  component: TokenEntryScreen,
});
const stationStaffRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: stationPaths.staff,
  beforeLoad: () => {
    if (!useStationStore.getState().station) throw redirect({ to: stationPaths.setup });
    // Staff prove themselves on the station's home (a PIN or an online sign-in) or by setting it up.
    if (!useStaffAccess.getState().staff) throw redirect({ to: stationPaths.home });
  },
  component: StationStaffScreen,
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
const reviewQueueRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.reviewQueue,
  beforeLoad: guardFor(paths.reviewQueue),
  component: ReviewQueueScreen,
});
const sessionReviewRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: `${paths.reviewQueue}/$sessionId`,
  beforeLoad: guardFor(paths.reviewQueue),
  component: function SessionReviewRoute() {
    const { sessionId } = sessionReviewRoute.useParams();
    return <SessionReviewScreen key={sessionId} sessionId={sessionId} />;
  },
});
const stationPinRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.stationPin,
  beforeLoad: guardFor(paths.stationPin),
  component: StationPinScreen,
});
const applicationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: paths.applications,
  beforeLoad: guardFor(paths.applications),
  component: ApplicationsScreen,
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

/*
 * The exam runs full-screen, outside the signed-in layout (no sidebar to
 * wander off through). Both routes live under the root's DatabaseGate.
 */
function requireExamStation() {
  if (!useSessionStore.getState().user && !useStationStore.getState().station) throw redirect({ to: '/' });
}
const examStartRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: examPaths.start,
  beforeLoad: requireExamStation,
  validateSearch: validateExamStartSearch,
  component: ExamStartScreen,
});
const examSessionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: examPaths.session,
  beforeLoad: requireExamStation,
  component: ExamScreen,
});

export const routeTree = rootRoute.addChildren([
  indexRoute,
  signInRoute,
  stationSetupRoute,
  stationHomeRoute,
  stationStaffRoute,
  examStartRoute,
  examSessionRoute,
  signedInRoute.addChildren([
    requisitionsRoute,
    interviewsRoute,
    myInterviewsRoute,
    myAssessmentsRoute,
    reviewQueueRoute,
    sessionReviewRoute,
    stationPinRoute,
    applicationsRoute,
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
