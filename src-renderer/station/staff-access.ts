import { create } from 'zustand';
import type { AppDatabase } from '../db/database';
import { attemptProctorUnlock, type ThrottleStore } from '../lockdown/proctor-unlock';
import { fetchEligibleAssessments, setupErrorMessage } from './station-api';
import { SyncHttpError, type FetchLike } from '../sync/transport';

/*
 * Who may see the station's operator screen (its bundle, leaving station
 * mode): staff who proved it here, and only until they hand the station back
 * to candidates. Two ways, as for unlocking an exam:
 * - a proctor's PIN, checked offline against the verifiers synced to the
 *   station (lockdown/proctor-unlock.ts), with the same throttle;
 * - a proctor's or admin's email and password, checked online by the same
 *   call as the station's set-up (`/auth/station/assessments`), which opens
 *   no session of that person's.
 * Kept in memory only: a reload or restart opens the candidates' screen.
 */

export interface StaffPresence {
  /** How the person is named on the operator screen. */
  name: string;
}

interface StaffAccessState {
  staff: StaffPresence | null;
}

export const useStaffAccess = create<StaffAccessState>()(() => ({ staff: null }));

export function grantStaffAccess(staff: StaffPresence): void {
  useStaffAccess.setState({ staff });
}

/** Back to the candidates' screen: the next person at the station must prove they are staff again. */
export function endStaffAccess(): void {
  useStaffAccess.setState({ staff: null });
}

export type StaffCheck = { ok: true; staff: StaffPresence } | { ok: false; message: string };

export async function staffByPin(db: AppDatabase, pin: string, throttle: ThrottleStore): Promise<StaffCheck> {
  const result = await attemptProctorUnlock(db, pin, throttle);
  return result.ok ? { ok: true, staff: { name: result.proctor.full_name } } : { ok: false, message: result.message };
}

export async function staffBySignIn(
  serverUrl: string,
  credentials: { email: string; password: string },
  fetchImpl?: FetchLike,
): Promise<StaffCheck> {
  try {
    await fetchEligibleAssessments(serverUrl, credentials, fetchImpl);
    return { ok: true, staff: { name: credentials.email } };
  } catch (error) {
    if (error instanceof SyncHttpError && error.status === 403)
      return { ok: false, message: 'Only a proctor or an administrator can open the staff screen.' };
    return { ok: false, message: setupErrorMessage(error) };
  }
}
