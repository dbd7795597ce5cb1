import { z } from 'zod';
import { defineEntity } from '../entity';
import { UserRole } from '../enums';
import { auditFields, count, email, id, optionalText, ref, sha256Hex, shortText, timestamp, utcDate } from '../fields';

export const User = defineEntity({
  name: 'user',
  idField: 'id',
  // Unique emails by construction: the id is derived from the normalised email.
  uniqueBy: ['email'],
  shape: {
    id: id(),
    email: email(),
    full_name: shortText(200),
    role: UserRole,
    // Server-only: never replicated to any device (see permissions).
    password_hash: optionalText(512).optional(),
    is_active: z.boolean(),
    is_verified: z.boolean(),
    login_streak: count(100_000),
    max_login_streak: count(100_000),
    last_login_date: utcDate().optional(),
    quiz_streak: count(100_000),
    max_quiz_streak: count(100_000),
    last_quiz_date: utcDate().optional(),
    last_login_at: timestamp().optional(),
    // Step 004: a proctor's exit / extra-time PIN, as a salted scrypt verifier
    // (src-shared/lockdown/proctor-pin.ts). Synced to exam stations, which check
    // it offline; never the PIN itself.
    proctor_pin_hash: optionalText(512).optional(),
    ...auditFields,
  },
  defaults: {
    is_active: true,
    is_verified: false,
    login_streak: 0,
    max_login_streak: 0,
    quiz_streak: 0,
    max_quiz_streak: 0,
  },
  secret: ['password_hash'],
  serverOwned: [
    'login_streak',
    'max_login_streak',
    'last_login_date',
    'quiz_streak',
    'max_quiz_streak',
    'last_quiz_date',
    'last_login_at',
  ],
  refine(doc, ctx) {
    if (doc.login_streak > doc.max_login_streak)
      ctx.addIssue({ code: 'custom', path: ['max_login_streak'], message: 'must be at least login_streak' });
    if (doc.quiz_streak > doc.max_quiz_streak)
      ctx.addIssue({ code: 'custom', path: ['max_quiz_streak'], message: 'must be at least quiz_streak' });
  },
});

/** Server-only: refresh tokens never reach a device's database. */
export const RefreshToken = defineEntity({
  name: 'refresh_token',
  idField: 'id',
  uniqueBy: ['token'],
  shape: {
    id: id(),
    // The SHA-256 of the token the client holds; the token itself is never stored.
    token: sha256Hex(),
    user_id: ref('users'),
    // Tokens issued by rotation share the family of the first: reuse revokes the family.
    family_id: id(),
    expires_at: timestamp(),
    is_revoked: z.boolean(),
    replaced_by: id().optional(),
    ...auditFields,
  },
  defaults: { is_revoked: false },
  immutable: ['user_id', 'family_id', 'expires_at'],
});
