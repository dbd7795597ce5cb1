import { isExpired } from '@shared/domain/assessment-rules';
import {
  invitationTokenId,
  isWellFormedInvitationToken,
  normaliseInvitationToken,
} from '@shared/domain/invitation-token';
import type { Doc } from '@shared/domain/registry';

/*
 * Checks an invitation token typed (or scanned) at an exam station, offline,
 * against the station's bundle. The station holds tokens by hash only: the
 * typed token is normalised and hashed the way the server stores it
 * (domain/invitation-token.ts), which gives the token's id directly. Each
 * refusal says what is wrong and what to do, in words a candidate can act on.
 */

export type TokenRefusal = 'empty' | 'malformed' | 'unknown' | 'expired' | 'used' | 'assessment_closed';

export type TokenCheck =
  | { ok: true; token: Doc<'assessment_token'>; assessment: Doc<'assessment'> }
  | { ok: false; reason: TokenRefusal; message: string };

export interface StationBundle {
  /** The invitation with this id, if the bundle holds it. */
  token(id: string): Doc<'assessment_token'> | undefined;
  assessment(id: string): Doc<'assessment'> | undefined;
  /** Whether a session on this station already opened with this invitation. */
  usedOnThisStation(tokenId: string): boolean;
}

export const refusalMessages: Record<TokenRefusal, string> = {
  empty: 'Type the invitation code from your invitation email.',
  malformed:
    'This is not an invitation code: codes are 8 to 64 letters, digits and dashes, such as DEMO-0001-2345. Check what you typed.',
  unknown:
    'This invitation code is not known at this station. Check it for typing mistakes, or ask the proctor: it may be for an exam this station does not run.',
  expired: 'This invitation has expired. Ask the recruiter who invited you for a new one.',
  used: 'This invitation has already been used. Each invitation opens one exam; ask the proctor if you need help.',
  assessment_closed:
    'This assessment is closed: it is no longer open for candidates. Ask the proctor or the recruiter who invited you.',
};

function refuse(reason: TokenRefusal): TokenCheck {
  return { ok: false, reason, message: refusalMessages[reason] };
}

export function checkInvitationToken(input: string, bundle: StationBundle, now: Date): TokenCheck {
  const normalised = normaliseInvitationToken(input);
  if (!normalised) return refuse('empty');
  if (!isWellFormedInvitationToken(normalised)) return refuse('malformed');
  const token = bundle.token(invitationTokenId(normalised));
  if (!token) return refuse('unknown');
  if (token.is_used || bundle.usedOnThisStation(token.id)) return refuse('used');
  if (Date.parse(token.expires_at) <= now.getTime()) return refuse('expired');
  const assessment = bundle.assessment(token.assessment_id);
  if (!assessment || !assessment.is_published || !assessment.is_active || isExpired(assessment, now))
    return refuse('assessment_closed');
  return { ok: true, token, assessment };
}
