import { describe, expect, it } from 'vitest';
import { invitationTokenId } from '@shared/domain/invitation-token';
import type { Doc } from '@shared/domain/registry';
import { ENTRY_T0, entryAssessment, entryToken } from './entry-fixtures';
import { checkInvitationToken, refusalMessages, type StationBundle } from './token-check';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const T0 = ENTRY_T0;

const assessment = entryAssessment;
const token = entryToken;

function bundle(
  tokens: Doc<'assessment_token'>[],
  assessments = [assessment()],
  usedHere: string[] = [],
): StationBundle {
  return {
    token: (id) => tokens.find((t) => t.id === id),
    assessment: (id) => assessments.find((a) => a.assessment_id === id),
    usedOnThisStation: (id) => usedHere.includes(id),
  };
}

describe('an invitation token typed at a station', () => {
  it('is accepted when it matches a hash in the bundle, however the candidate typed it', () => {
    const b = bundle([token('DEMO-0001-2345')]);
    for (const typed of ['DEMO-0001-2345', ' demo-0001-2345\n', 'DEMO-0001 -2345']) {
      const result = checkInvitationToken(typed, b, NOW);
      expect(result.ok, typed).toBe(true);
      if (result.ok) expect(result.assessment.assessment_id).toBe('exam-1');
    }
  });

  it('is refused, each time with a specific reason', () => {
    const cases: [string, StationBundle, string][] = [
      ['', bundle([]), 'empty'],
      ['12', bundle([]), 'malformed'],
      ['not a token!', bundle([]), 'malformed'],
      ['DEMO-9999-0000', bundle([token('DEMO-0001-2345')]), 'unknown'],
      ['DEMO-0001-2345', bundle([token('DEMO-0001-2345', { is_used: true })]), 'used'],
      ['DEMO-0001-2345', bundle([token('DEMO-0001-2345')], undefined, [invitationTokenId('DEMO-0001-2345')]), 'used'],
      ['DEMO-0001-2345', bundle([token('DEMO-0001-2345', { expires_at: NOW.toISOString() })]), 'expired'],
      ['DEMO-0001-2345', bundle([token('DEMO-0001-2345')], [assessment({ is_published: false })]), 'assessment_closed'],
      ['DEMO-0001-2345', bundle([token('DEMO-0001-2345')], [assessment({ is_active: false })]), 'assessment_closed'],
      [
        'DEMO-0001-2345',
        bundle([token('DEMO-0001-2345')], [assessment({ expires_at: '2026-02-28T00:00:00.000Z' })]),
        'assessment_closed',
      ],
      ['DEMO-0001-2345', bundle([token('DEMO-0001-2345')], []), 'assessment_closed'],
    ];
    for (const [typed, b, reason] of cases) {
      const result = checkInvitationToken(typed, b, NOW);
      expect(result, `${typed} → ${reason}`).toEqual({ ok: false, reason, message: refusalMessages[reason as never] });
    }
  });

  it('says "already used" rather than "expired" for a used invitation past its date', () => {
    const b = bundle([token('DEMO-0001-2345', { is_used: true, expires_at: T0 })]);
    expect(checkInvitationToken('DEMO-0001-2345', b, NOW)).toMatchObject({ ok: false, reason: 'used' });
  });

  it('tells the candidate what to do in every refusal', () => {
    for (const message of Object.values(refusalMessages)) expect(message).toMatch(/\b(ask|check|type)\b/i);
  });
});
