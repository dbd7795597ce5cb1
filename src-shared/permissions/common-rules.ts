import { contains, eq, ne, or, self, within } from './row-filter';
import type { KindRule, PushRule, RoleTable, Withhold } from './table';

/*
 * Rules several roles' rows of the permission table (table.ts) share: who
 * owns what, and what every signed-in user has.
 */

export const anyRow = (extra: Partial<PushRule> = {}): PushRule => ({
  rows: 'all',
  fields: 'all',
  create: true,
  delete: true,
  ...extra,
});
export const readOnly: KindRule = { pull: 'all' };
export const full: KindRule = { pull: 'all', push: anyRow() };

export const mine = eq('user_id', self.id);
export const ownSessions = or(eq('user_id', self.id), eq('candidate_email', self.email));
export const inOwnSession = (field: string) => within(field, 'test_session', 'session_id', ownSessions);
export const ownCandidateProfile = eq('email', self.email);
export const ownApplications = within('candidate_id', 'candidate', 'candidate_id', ownCandidateProfile);
export const assignedInterviews = or(eq('interviewer_id', self.id), contains('additional_interviewers', self.id));
export const visibleNotes = or(eq('is_private', false), eq('author_id', self.id));
export const ownNotes: PushRule = { rows: eq('author_id', self.id), fields: 'all', create: true, delete: true };

/**
 * A proctor's PIN verifier goes to its owner and to exam stations only: anyone
 * else holding it could brute-force a short PIN offline.
 */
export const ownPinOnly: Withhold = { fields: ['proctor_pin_hash'], until: eq('id', self.id) };
/** Staff who may unlock an exam station set their own PIN. */
export const ownAccountWithPin: PushRule = {
  rows: eq('id', self.id),
  fields: ['full_name', 'proctor_pin_hash'],
  create: false,
  delete: false,
};

/** What every signed-in user has: their own account, inbox and settings. */
export const personal: RoleTable = {
  user: {
    pull: eq('id', self.id),
    push: { rows: eq('id', self.id), fields: ['full_name'], create: false, delete: false },
  },
  notification: {
    pull: mine,
    push: { rows: mine, fields: ['is_read', 'read_at', 'is_archived'], create: false, delete: false },
  },
  admin_settings: { pull: mine, push: { rows: mine, fields: 'all', create: true, delete: false } },
};

/** Staff see each other (to assign interviews, reviews) but not candidates' accounts. */
export const staffDirectory: KindRule = {
  pull: or(ne('role', 'candidate'), eq('id', self.id)),
  withhold: [ownPinOnly],
  push: personal.user!.push!,
};
