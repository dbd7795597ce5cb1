import { afterEach, describe, expect, it } from 'vitest';
import { collectionsByRole } from '@shared/storage/layout';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { openTestDatabase } from '../test-support/database';
import { mayOpen } from '../app/navigation';
import { LiveSearchIndex } from './live-search-index';
import { searchKinds, searchKindsFor, searchSources } from './search-sources';

let db: AppDatabase | undefined;
let live: LiveSearchIndex | undefined;
afterEach(async () => {
  live?.dispose();
  await db?.close();
});

/** Resolves once the index has taken in every change so far (RxDB live queries emit asynchronously). */
async function settled(index: LiveSearchIndex, check: () => boolean) {
  for (let i = 0; i < 200 && !(index.ready && check()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const titles = (index: LiveSearchIndex, query: string) =>
  index.search(query).hits.map((h) => `${searchSources[h.kind].label}: ${h.title}`);

describe('LiveSearchIndex', () => {
  it('finds what is on the device, and stays live as documents arrive, change and go', async () => {
    db = await openTestDatabase(collectionsByRole.recruiter);
    const candidates = repo(db, 'candidate');
    const lena = await candidates.create({ full_name: 'Lena Fischer', email: 'lena@example.test' });
    const assessment = await repo(db, 'assessment').create({
      title: 'Go fundamentals',
      duration_minutes: 30,
      created_by: 'usr_r',
    });
    await repo(db, 'assessment_application').create({
      candidate_id: lena.candidate_id,
      assessment_id: assessment.assessment_id,
      applied_at: '2026-11-01T00:00:00.000Z',
      role_applied_for: 'Backend Engineer',
    });

    live = new LiveSearchIndex(db, 'recruiter');
    const index = live;
    await settled(index, () => index.size === 2);
    // The application is found by its candidate's name, read from the candidate document.
    expect(titles(index, 'fisch')).toEqual(['Candidate: Lena Fischer', 'Application: Lena Fischer']);
    expect(index.search('go fundamentals').hits[0]?.detail).toBe('Backend Engineer · Pending · applied 1 Nov 2026');

    // A document that arrives (by sync, or made here) is found without a rebuild.
    await candidates.create({ full_name: 'Jonas Müller', email: 'jonas@example.test' });
    await settled(index, () => titles(index, 'muller').length === 1);

    // A renamed candidate is found by the new name, in the candidate and in the application naming them.
    await candidates.update(lena.candidate_id, { full_name: 'Lena Schmidt' });
    await settled(index, () => titles(index, 'schmidt').length === 2);
    expect(titles(index, 'fischer')).toEqual([]);

    // A deleted one is gone, and the application no longer names them.
    await candidates.remove(lena.candidate_id);
    await settled(index, () => titles(index, 'schmidt').length === 0);
    expect(titles(index, 'go fundamentals')).toEqual(['Application: Unknown candidate']);
  });

  it('searches only the kinds a role has on its device and somewhere to open', async () => {
    expect(searchKindsFor('recruiter')).toEqual([
      'candidate',
      'job_requisition',
      'assessment_application',
      'interview_session',
      'question',
    ]);
    expect(searchKindsFor('interviewer')).toEqual(['candidate', 'interview_session']);
    expect(searchKindsFor('admin')).toEqual(['user', 'question']);
    // A candidate's device holds their exam's questions; they must never be searchable there.
    expect(searchKindsFor('candidate')).toEqual(['assessment_application']);

    db = await openTestDatabase(collectionsByRole.candidate);
    await repo(db, 'question').create({
      question_text: 'Which keyword declares a constant in TypeScript?',
      options: [
        { key: 'A', text: 'const' },
        { key: 'B', text: 'let' },
      ],
      difficulty: 'easy',
      question_set_id: 'qs_1',
    });
    live = new LiveSearchIndex(db, 'candidate');
    const index = live;
    await settled(index, () => index.ready);
    expect(index.search('constant').total).toBe(0);
  });

  it('opens every result on a screen the role may open', () => {
    for (const kind of searchKinds) {
      for (const [role, destination] of Object.entries(searchSources[kind].opens)) {
        if ('screen' in destination)
          expect(mayOpen(role as never, destination.screen), `${kind} for ${role}`).toBe(true);
      }
    }
  });
});
