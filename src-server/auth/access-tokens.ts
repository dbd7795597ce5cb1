import { jwtVerify, SignJWT } from 'jose';
import type { PrincipalRole } from '../../src-shared/permissions/principal';

/*
 * Short-lived access tokens: HS256 JWTs naming the user. The role in the
 * token is informational; every request reloads the account (guard.ts), so
 * a deactivated user or a changed role takes effect at once.
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
  /** An exam station's assessments (stations.ts); absent for users. */
  assessment_ids?: string[];
}

export async function signAccessToken(
  secret: Uint8Array,
  userId: string,
  role: PrincipalRole,
  ttlSeconds: number,
  nowMs: number,
  extra: { assessment_ids?: string[] } = {},
) {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  const token = await new SignJWT({ role, ...extra })
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
    return {
      sub: payload.sub,
      role: payload.role as PrincipalRole,
      exp: payload.exp,
      ...(assessmentIds ? { assessment_ids: assessmentIds } : {}),
    };
  } catch {
    return undefined;
  }
}
