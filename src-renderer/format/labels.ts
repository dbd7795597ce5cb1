import type { UserRole } from '@shared/domain/enums';

export const roleLabels: Record<UserRole, string> = {
  candidate: 'Candidate',
  recruiter: 'Recruiter',
  interviewer: 'Interviewer',
  proctor: 'Proctor',
  admin: 'Administrator',
  super_admin: 'Super administrator',
};

/** The order roles are listed in (least to most privileged). */
export const roleOrder: readonly UserRole[] = [
  'candidate',
  'recruiter',
  'interviewer',
  'proctor',
  'admin',
  'super_admin',
];

/** "in_progress" → "In progress", "full-time" → "Full-time": enum values as people read them. */
export function humanize(value: string): string {
  const spaced = value.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
