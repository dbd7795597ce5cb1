import { afterEach, describe, expect, it } from 'vitest';
import { invitationTokenHash, invitationTokenId } from '@shared/domain/invitation-token';
import type { Doc } from '@shared/domain/registry';
import { collectionsByRole } from '@shared/storage/layout';
import { expectedId } from '@shared/storage/stored-doc';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { openTestDatabase } from '../../test-support/database';
import { entryAssessment } from './entry-fixtures';
import { entryProblems, planEntry, profileToLink } from './confirm-entry';
import { checkTokenOnStation, recordEntry } from './record-entry';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const T0 = '2026-02-01T09:00:00.000Z';
const PLAIN = 'DEMO-0001-2345';

const token: Doc<'assessment_token'> = {
  id: invitationTokenId(PLAIN),
  token_hash: invitationTokenHash(PLAIN),
  assessment_id: 'exam-1',
  candidate_email: 'ana.lima@example.org',
  expires_at: '2026-03-10T00:00:00.000Z',
  is_used: false,
  created_by: 'usr_1',
  created_at: T0,
  updated_at: T0,
};

const profile = (id: string, created = T0, name = 'Ana Lima'): Doc<'candidate'> => ({
  candidate_id: id,
  full_name: name,
  email: 'Ana.Lima@example.org',
  skills: [],
  created_at: created,
  updated_at: created,
});

describe('confirming name and email', () => {
  it("needs a name and the invitation's own email, in any case", () => {
    expect(entryProblems({ name: 'Ana Lima', email: ' ANA.LIMA@example.org ' }, token)).toEqual([]);
    expect(entryProblems({ name: ' ', email: '' }, token).map((p) => p.field)).toEqual(['name', 'email']);
    const other = entryProblems({ name: 'Ana', email: 'someone.else@example.org' }, token);
    expect(other).toEqual([{ field: 'email', message: expect.stringContaining('re-issue') as string }]);
  });
});

describe('the records an entry creates or links', () => {
  it('creates a candidate and an application with the derived id when the invitee is new here', () => {
    const plan = planEntry({
      token,
      draft: { name: '  Ana   Lima ', email: token.candidate_email },
      profiles: [],
      applications: [],
      now: NOW,
      newId: () => 'cand-new',
    });
    expect(plan.candidate).toEqual({
      create: expect.objectContaining({ candidate_id: 'cand-new', full_name: 'Ana Lima' }) as unknown,
    });
    expect(plan.applicationId).toBe(
      expectedId('assessment_application', { candidate_id: 'cand-new', assessment_id: 'exam-1' }),
    );
    expect(plan.application).toEqual({
      create: expect.objectContaining({ status: 'pending', applied_at: NOW.toISOString() }) as unknown,
    });
  });

  it('links the profile already applied to this assessment, and renames it when the candidate corrects the name', () => {
    const older = profile('cand-old', '2026-01-01T00:00:00.000Z');
    const applied = profile('cand-applied');
    const application: Doc<'assessment_application'> = {
      application_id: expectedId('assessment_application', { candidate_id: 'cand-applied', assessment_id: 'exam-1' })!,
      candidate_id: 'cand-applied',
      assessment_id: 'exam-1',
      status: 'pending',
      applied_at: T0,
      submitted_skills: [],
      created_at: T0,
      updated_at: T0,
    };
    expect(profileToLink([older, applied], [application], 'exam-1')).toBe(applied);
    expect(profileToLink([applied, older], [], 'exam-1')).toBe(older);
    const plan = planEntry({
      token,
      draft: { name: 'Ana Lima-Souza', email: token.candidate_email },
      profiles: [older, applied],
      applications: [application],
      now: NOW,
      newId: () => 'unused',
    });
    expect(plan.candidate).toEqual({ existing: applied, rename: 'Ana Lima-Souza' });
    expect(plan.application).toEqual({ existing: application });
  });
});

describe('entry on a station database', () => {
  let db: AppDatabase;
  afterEach(() => db?.close());

  it('checks the token against the bundle, then writes the candidate and application durably', async () => {
    db = await openTestDatabase(collectionsByRole.station);
    await repo(db, 'assessment').insertDocument(entryAssessment());
    await repo(db, 'assessment_token').insertDocument(token);
    expect(await checkTokenOnStation(db, 'demo-0001-2345', NOW)).toMatchObject({ ok: true });
    expect(await checkTokenOnStation(db, 'DEMO-0001-9999', NOW)).toMatchObject({ ok: false, reason: 'unknown' });

    const plan = await recordEntry(db, token, { name: 'Ana Lima', email: 'ana.lima@example.org' }, NOW);
    const app = await repo(db, 'assessment_application').get(plan.applicationId);
    expect(app).toMatchObject({ assessment_id: 'exam-1', status: 'pending' });
    const candidate = await repo(db, 'candidate').get(app!.candidate_id);
    expect(candidate).toMatchObject({ full_name: 'Ana Lima', email: 'ana.lima@example.org' });

    // The same invitee again (a second try at the confirm step): linked, not duplicated.
    const again = await recordEntry(db, token, { name: 'Ana Lima', email: 'ana.lima@example.org' }, NOW);
    expect(again.applicationId).toBe(plan.applicationId);
    expect(await repo(db, 'candidate').count()).toBe(1);
  });
});
