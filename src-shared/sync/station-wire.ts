import { z } from 'zod';
import { id, shortText } from '../domain/fields';
import { LoginBody, RefreshTokenBody } from './auth-wire';

/*
 * The exam-station endpoints' contract, shared by the server and the
 * renderer. A proctor or admin signs a station in with their own
 * credentials; the station then holds tokens of its own (never the
 * proctor's), scoped to the assessments chosen here.
 */

/** Most assessments one station serves: a day's exams, not the catalogue. */
export const MAX_STATION_ASSESSMENTS = 20;

/** `POST /auth/station/assessments`: what a station could serve, for the set-up screen. */
export const StationAssessmentsBody = LoginBody;

export const EligibleAssessment = z.object({
  assessment_id: z.string(),
  title: z.string(),
  duration_minutes: z.number(),
  expires_at: z.string().optional(),
  is_proctored: z.boolean(),
  /** Invitations not used yet and not expired. */
  open_invitations: z.number(),
});
export type EligibleAssessment = z.infer<typeof EligibleAssessment>;

export const StationAssessmentsResponse = z.object({ assessments: z.array(EligibleAssessment) });
export type StationAssessmentsResponse = z.infer<typeof StationAssessmentsResponse>;

/** `POST /auth/station`: signs a station in. */
export const StationSignInBody = z.strictObject({
  email: LoginBody.shape.email,
  password: LoginBody.shape.password,
  station_name: shortText(100),
  assessment_ids: z
    .array(id())
    .min(1, 'choose at least one assessment')
    .max(MAX_STATION_ASSESSMENTS)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an assessment'),
});
export type StationSignInBody = z.infer<typeof StationSignInBody>;

export const StationInfo = z.object({
  id: z.string(),
  name: z.string(),
  assessment_ids: z.array(z.string()),
  /** Who signed the station in. */
  signed_in_by: z.object({ id: z.string(), full_name: z.string(), role: z.string() }),
  signed_in_at: z.string(),
});
export type StationInfo = z.infer<typeof StationInfo>;

/** Answer of `POST /auth/station` and `POST /auth/station/refresh`. */
export const StationTokenResponse = z.object({
  token_type: z.literal('Bearer'),
  access_token: z.string(),
  expires_in: z.number(),
  refresh_token: z.string(),
  /** The station's signed identity (src-server/auth/stations.ts), shown again with every refresh. */
  station_certificate: z.string(),
  station: StationInfo,
});
export type StationTokenResponse = z.infer<typeof StationTokenResponse>;

/** `POST /auth/station/refresh`. Leaving station mode is `POST /auth/logout` with the refresh token. */
export const StationRefreshBody = z.strictObject({
  refresh_token: RefreshTokenBody.shape.refresh_token,
  station_certificate: z.string().min(20).max(8192),
});
