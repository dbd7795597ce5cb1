import type { Doc } from '../domain/registry';
import { expectedId } from '../storage/stored-doc';
import type { SeedBuilder } from './seed-builder';

/*
 * The demo accounts: one staff member per role (two recruiters, two
 * interviewers) and the candidate who signs in at the kiosk.
 */

export const DEMO_EMAIL_DOMAIN = 'demo.assist-ten.test';

export interface DemoAccount {
  id: string;
  email: string;
  full_name: string;
  role: Doc<'user'>['role'];
}

function user(b: SeedBuilder, role: Doc<'user'>['role'], fullName: string, localPart: string): Doc<'user'> {
  const email = `${localPart}@${DEMO_EMAIL_DOMAIN}`;
  const streak = b.r.int(0, 6);
  return b.add('user', {
    id: expectedId('user', { email })!,
    email,
    full_name: fullName,
    role,
    is_active: true,
    is_verified: true,
    login_streak: streak,
    max_login_streak: streak + b.r.int(0, 10),
    quiz_streak: 0,
    max_quiz_streak: 0,
    ...(streak ? { last_login_date: b.at(-1).slice(0, 10) } : {}),
  });
}

export function addStaff(b: SeedBuilder) {
  return {
    superAdmin: user(b, 'super_admin', 'Sofia Marín', 'superadmin'),
    admin: user(b, 'admin', 'Adebayo Okonkwo', 'admin'),
    recruiter: user(b, 'recruiter', 'Rania Haddad', 'recruiter'),
    recruiter2: user(b, 'recruiter', 'Lars Holm', 'recruiter2'),
    interviewer: user(b, 'interviewer', 'Ines Duarte', 'interviewer'),
    interviewer2: user(b, 'interviewer', 'Kenji Sato', 'interviewer2'),
    proctor: user(b, 'proctor', 'Priya Iyer', 'proctor'),
  };
}

export type Staff = ReturnType<typeof addStaff>;

/** The candidate with an account: the first generated candidate signs in as this user. */
export const addCandidateUser = (b: SeedBuilder) => user(b, 'candidate', 'Cara Mensah', 'candidate');

export const demoAccounts = (users: readonly Doc<'user'>[]): DemoAccount[] =>
  users.map(({ id, email, full_name, role }) => ({ id, email, full_name, role }));
