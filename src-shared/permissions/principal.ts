import type { UserRole } from '../domain/enums';

/*
 * Who a request or a device acts for. Every person is a user with a role
 * (the closed UserRole enum of the domain model); an exam station is not a
 * person and has no account, so it is a principal of its own next to the
 * roles: signed in by a proctor or admin, limited to the assessments it was
 * set up for, holding no one's password (src-server/auth/stations.ts).
 */

export const STATION = 'station';
export type StationRole = typeof STATION;
export type PrincipalRole = UserRole | StationRole;

/** Staff who may sign an exam station in (and unlock it later with their PIN). */
export const STATION_STAFF = ['proctor', 'admin', 'super_admin'] as const satisfies readonly UserRole[];

export function isStationStaff(role: string): role is (typeof STATION_STAFF)[number] {
  return (STATION_STAFF as readonly string[]).includes(role);
}
