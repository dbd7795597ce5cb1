import { jwtVerify, SignJWT } from 'jose';
import type { PrincipalRole } from '../../src-shared/permissions/principal';

/*
 * Short-lived access tokens: HS256 JWTs naming the user, the role they were
 * issued for and the sign-in they belong to (`sid`, the refresh-token family
 * id, refresh-tokens.ts). Every request checks in the database that the
 * account still has that role and is active and that the sign-in is still
 * live (guard.ts), so a deactivation, a role change or a sign-out takes
 * effect at once, not when the token expires. An exam station's token also
 * names its assessments and who signed it in (`signer`), whose standing the
 * guard checks in the same query.
 */

const ISSUER = 'assist-ten-server';

const hmacKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>();

/**
 * The HS256 key as a CryptoKey, imported once per secret. Given raw bytes,
 * jose imports the key on every sign and verify (~1 ms each), and every
 * request verifies a token.
 */
export function hmacKey(secret: Uint8Array): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    hmacKeys.set(secret, key);
  }
  return key;
}
const AUDIENCE = 'assist-ten';

export interface AccessClaims {
  sub: string;
  role: PrincipalRole;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** The refresh-token family of the sign-in this token was issued for; tokens without one are refused. */
  sid?: string;
  /** An exam station's assessments (stations.ts); absent for users. */
  assessment_ids?: string[];
  /** An exam station's: the staff member who signed it in (stations.ts). */
  signer?: string;
}

/** What ties an access token to its sign-in: the family id, and a station's assessments and signer. */
export interface TokenSession {
  sid: string;
  assessment_ids?: string[];
  signer?: string;
}

export async function signAccessToken(
  secret: Uint8Array,
  userId: string,
  role: PrincipalRole,
  ttlSeconds: number,
  nowMs: number,
  session: TokenSession,
) {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ role, ...session })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await hmacKey(secret));
  return { token, exp };
}

/** The token's claims, or undefined when it is malformed, forged or expired. */
export async function verifyAccessToken(
  secret: Uint8Array,
  token: string,
  nowMs: number,
): Promise<AccessClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(nowMs),
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    const ids = payload.assessment_ids;
    const assessmentIds = Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
    const { sid, signer } = payload;
    return {
      sub: payload.sub,
      role: payload.role as PrincipalRole,
      exp: payload.exp,
      ...(typeof sid === 'string' ? { sid } : {}),
      ...(assessmentIds ? { assessment_ids: assessmentIds } : {}),
      ...(typeof signer === 'string' ? { signer } : {}),
    };
  } catch {
    return undefined;
  }
}
