import { z } from 'zod';
import { email } from '../domain/fields';
import { UserRole } from '../domain/enums';

/* The account endpoints' contract, shared by the server and the renderer. */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;

export const LoginBody = z.strictObject({
  email: email(),
  // No minimum here: a short password is simply wrong, not malformed.
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const RefreshTokenBody = z.strictObject({
  refresh_token: z.string().min(20).max(200),
});

export const SessionUser = z.object({
  id: z.string(),
  email: z.string(),
  full_name: z.string(),
  role: UserRole,
  login_streak: z.number(),
  max_login_streak: z.number(),
});

export const TokenResponse = z.object({
  token_type: z.literal('Bearer'),
  access_token: z.string(),
  /** Seconds until the access token expires. */
  expires_in: z.number(),
  refresh_token: z.string(),
  user: SessionUser,
});

export type TokenResponse = z.infer<typeof TokenResponse>;
export type SessionUser = z.infer<typeof SessionUser>;
