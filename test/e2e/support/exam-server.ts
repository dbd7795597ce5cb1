import { randomUUID } from 'node:crypto';
import { test as base } from '@playwright/test';
import { invitationTokenHash, invitationTokenId } from '../../../src-shared/domain/invitation-token';
import type { Doc, Kind } from '../../../src-shared/domain/registry';
import type { CollectionName } from '../../../src-shared/storage/layout';
import { expectedId } from '../../../src-shared/storage/stored-doc';

/*
 * The exam tests' view of the sync server, through its own HTTP API as the
 * seeded admin: exams made for a test (an assessment with its own duration
 * and proctoring setting, an invitation for a seeded candidate, the
 * application) and what a station replicated back.
 */

const SYNC_URL = process.env.E2E_SYNC_URL ?? '';
const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';
export const ADMIN = 'admin@demo.assist-ten.test';
export const CANDIDATE = 'candidate@demo.assist-ten.test';

type Wire<K extends Kind> = Doc<K> & { pk: string; kind: K; _deleted: boolean };

async function call<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${SYNC_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export class AdminApi {
  private constructor(private readonly token: string) {}

  /** As the seeded admin, or as another demo account to see what the server holds for it. */
  static async signIn(email = ADMIN): Promise<AdminApi> {
    const { access_token } = await call<{ access_token: string }>('/auth/login', { email, password: PASSWORD });
    return new AdminApi(access_token);
  }

  async pull<K extends Kind>(collection: CollectionName, kind: K): Promise<Wire<K>[]> {
    const out: Wire<K>[] = [];
    let checkpoint: { seq: number } | null = null;
    for (;;) {
      const page: { documents: { kind: string; _deleted: boolean }[]; checkpoint: { seq: number } | null } = await call(
        `/sync/${collection}/pull`,
        { checkpoint, limit: 1000 },
        this.token,
      );
      out.push(...(page.documents.filter((d) => d.kind === kind && !d._deleted) as unknown as Wire<K>[]));
      if (page.documents.length < 1000) return out;
      checkpoint = page.checkpoint;
    }
  }

  /** The session a station opened with this invitation, as the server holds it. */
  async sessionOfToken(tokenId: string) {
    return (await this.pull('test_sessions', 'test_session')).find((s) => s.assessment_token_id === tokenId);
  }

  async answersOf(sessionId: string) {
    return (await this.pull('answers', 'answer')).filter((a) => a.session_id === sessionId);
  }

  async create<K extends Kind>(collection: CollectionName, kind: K, idField: string, doc: Record<string, unknown>) {
    const stamp = new Date().toISOString();
    const full = { created_at: stamp, updated_at: stamp, ...doc, kind, pk: doc[idField], _deleted: false };
    const conflicts = await call<unknown[]>(
      `/sync/${collection}/push`,
      [{ assumedMasterState: null, newDocumentState: full }],
      this.token,
    );
    if (conflicts.length) throw new Error(`creating ${kind} was refused: ${JSON.stringify(conflicts[0])}`);
    return full as unknown as Wire<K>;
  }
}

export interface TestExam {
  assessmentId: string;
  title: string;
  applicationId: string;
  tokenId: string;
  token: string;
  questionIds: string[];
}

/** A new published assessment on a seeded question set, with an unused invitation for the demo candidate. */
export async function createTestExam(
  api: AdminApi,
  options: { durationMinutes: number; isProctored: boolean; title: string },
): Promise<TestExam> {
  const admin = (await api.pull('users', 'user')).find((u) => u.email === ADMIN)!;
  const candidate = (await api.pull('candidates', 'candidate')).find((c) => c.email === CANDIDATE)!;
  const questions = await api.pull('question_bank', 'question');
  // Unique, so that a repeated run on the same server finds this assessment and no other.
  const title = `${options.title} ${randomUUID().slice(0, 6)}`;
  const setId = questions.find((q) => q.question_set_id)!.question_set_id!;
  const assessment = await api.create('assessments', 'assessment', 'assessment_id', {
    assessment_id: randomUUID(),
    title,
    description: 'A short test made for an end-to-end test.',
    question_set_id: setId,
    required_skills: [],
    required_roles: [],
    assessment_method: 'questionnaire',
    duration_minutes: options.durationMinutes,
    is_questionnaire_enabled: true,
    is_interview_enabled: false,
    is_proctored: options.isProctored,
    is_active: true,
    is_published: true,
    created_by: admin.id,
  });
  const token = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  await api.create('assessments', 'assessment_token', 'id', {
    id: invitationTokenId(token),
    token,
    token_hash: invitationTokenHash(token),
    assessment_id: assessment.assessment_id,
    candidate_email: candidate.email,
    expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    is_used: false,
    created_by: admin.id,
  });
  const application = await api.create('applications', 'assessment_application', 'application_id', {
    application_id: expectedId('assessment_application', {
      candidate_id: candidate.candidate_id,
      assessment_id: assessment.assessment_id,
    }),
    candidate_id: candidate.candidate_id,
    assessment_id: assessment.assessment_id,
    status: 'pending',
    applied_at: new Date().toISOString(),
    submitted_skills: [],
  });
  return {
    assessmentId: assessment.assessment_id,
    title,
    applicationId: application.application_id,
    tokenId: invitationTokenId(token),
    token,
    questionIds: questions.filter((q) => q.question_set_id === setId).map((q) => q.id),
  };
}

/** The exam specs' `test`: with `api`, the server's admin API, signed in once per worker. */
export const test = base.extend<object, { api: AdminApi }>({
  api: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this pattern.
    async ({}, use) => use(await AdminApi.signIn()),
    { scope: 'worker' },
  ],
});
export { expect } from '@playwright/test';
