import { invitationTokenHash, invitationTokenId } from '@shared/domain/invitation-token';
import type { Doc } from '@shared/domain/registry';

/* Documents for the entry tests: a published assessment and an invitation to it. */

export const ENTRY_T0 = '2026-02-01T09:00:00.000Z';

export function entryAssessment(over: Partial<Doc<'assessment'>> = {}): Doc<'assessment'> {
  return {
    assessment_id: 'exam-1',
    title: 'SQL',
    required_skills: [],
    required_roles: [],
    assessment_method: 'questionnaire',
    duration_minutes: 30,
    is_questionnaire_enabled: true,
    is_interview_enabled: false,
    is_proctored: true,
    is_active: true,
    is_published: true,
    created_by: 'usr_1',
    created_at: ENTRY_T0,
    updated_at: ENTRY_T0,
    ...over,
  };
}

export function entryToken(plain: string, over: Partial<Doc<'assessment_token'>> = {}): Doc<'assessment_token'> {
  return {
    id: invitationTokenId(plain),
    token_hash: invitationTokenHash(plain),
    assessment_id: 'exam-1',
    candidate_email: 'ana@example.org',
    expires_at: '2026-03-10T00:00:00.000Z',
    is_used: false,
    created_by: 'usr_1',
    created_at: ENTRY_T0,
    updated_at: ENTRY_T0,
    ...over,
  };
}
