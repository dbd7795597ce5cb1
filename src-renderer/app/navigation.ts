import type { UserRole } from '@shared/domain/enums';

/*
 * The sidebar of each role and the routes each role may open, in one place:
 * route guards derive from it, so a screen is reachable exactly by the roles
 * whose sidebar lists it.
 */

export const paths = {
  signIn: '/sign-in',
  requisitions: '/recruiter/requisitions',
  applications: '/recruiter/applications',
  interviews: '/recruiter/interviews',
  myInterviews: '/interviewer/interviews',
  myAssessments: '/candidate/assessments',
  reviewQueue: '/proctor/review',
  stationPin: '/proctor/station-pin',
  users: '/admin/users',
  catalogue: '/super-admin/catalogue',
} as const;

/** The exam, full-screen on a station (screens/exam). */
export const examPaths = {
  start: '/exam/start',
  session: '/exam/session/$sessionId',
} as const;

/** Exam station mode (screens/station): set-up from the sign-in screen, the station's home, its staff screen. */
export const stationPaths = {
  setup: '/station/setup',
  home: '/station',
  staff: '/station/staff',
} as const;

export type ScreenPath = Exclude<(typeof paths)[keyof typeof paths], typeof paths.signIn>;

export interface NavEntry {
  to: ScreenPath;
  label: string;
}

export const navByRole: Record<UserRole, readonly [NavEntry, ...NavEntry[]]> = {
  candidate: [{ to: paths.myAssessments, label: 'My assessments' }],
  recruiter: [
    { to: paths.requisitions, label: 'Requisitions' },
    { to: paths.applications, label: 'Applications' },
    { to: paths.interviews, label: 'Interviews' },
  ],
  interviewer: [{ to: paths.myInterviews, label: 'My interviews' }],
  proctor: [
    { to: paths.reviewQueue, label: 'Review queue' },
    { to: paths.stationPin, label: 'Station PIN' },
  ],
  admin: [
    { to: paths.users, label: 'Users' },
    { to: paths.reviewQueue, label: 'Review queue' },
    { to: paths.stationPin, label: 'Station PIN' },
  ],
  super_admin: [
    { to: paths.users, label: 'Users' },
    { to: paths.catalogue, label: 'Roles & Skills' },
    { to: paths.reviewQueue, label: 'Review queue' },
    { to: paths.stationPin, label: 'Station PIN' },
  ],
};

/** Where a role lands after sign-in: the first entry of its sidebar. */
export function homeFor(role: UserRole): ScreenPath {
  return navByRole[role][0].to;
}

export function mayOpen(role: UserRole, path: ScreenPath): boolean {
  return navByRole[role].some((entry) => entry.to === path);
}
