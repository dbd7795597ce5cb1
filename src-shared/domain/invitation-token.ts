import { sha256Hex } from './ids';
import { expectedId } from '../storage/stored-doc';

/*
 * Invitation tokens (AssessmentToken) as people type them. A token is 8–64
 * characters of A–Z, 0–9 and "-" (the entity's rule); a candidate may type
 * it in lower case, with spaces, or a scanner may add a line end, so input is
 * normalised before hashing. The same functions give token_hash and the
 * token's derived id everywhere: the seed, the server and exam stations.
 */

export const INVITATION_TOKEN_PATTERN = /^[A-Z0-9-]{8,64}$/;

/** Upper case, without whitespace (spaces, tabs, a scanner's line end). */
export function normaliseInvitationToken(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** Whether normalised input can be a token at all (before looking it up). */
export function isWellFormedInvitationToken(normalised: string): boolean {
  return INVITATION_TOKEN_PATTERN.test(normalised);
}

/** token_hash: SHA-256 (hex) of the normalised token. */
export function invitationTokenHash(token: string): string {
  return sha256Hex(normaliseInvitationToken(token));
}

/** The AssessmentToken id, derived from its hash (stored-doc.ts `expectedId`). */
export function invitationTokenId(token: string): string {
  return expectedId('assessment_token', { token_hash: invitationTokenHash(token) })!;
}
