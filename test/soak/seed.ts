import { randomBytes } from 'node:crypto';
import { invitationTokenHash, invitationTokenId } from '@shared/domain/invitation-token';
import { entities, type Kind } from '@shared/domain/registry';
import { seedDatabase } from '../../src-server/cli';
import { writeRow } from '../../src-server/db/rows';
import type { Sql } from '../../src-server/db/sql';
import { takeSyncWriteLock } from '../../src-server/sync/write-lock';
import type { Rng } from './rng';

/*
 * What the stations need on the server: the demo seed (the seed command's own
 * code, as `npm run seed` writes it: the demo proctor signs the stations in),
 * then, through the server's row code under the sync write lock, one
 * published, unproctored assessment of its own with a question set, and one
 * invitation per candidate a station will admit. The codes are plain text
 * the soak knows; the server keeps their hashes, as for real invitations.
 * Ids, the answer key and the codes come from the seed's generator.
 */

const OPTION_KEYS = ['A', 'B', 'C', 'D'] as const;

export interface SoakInvitation {
  code: string;
  tokenId: string;
  email: string;
  name: string;
}

export interface SoakExam {
  assessmentId: string;
  title: string;
  /** Invitation codes per station, disjoint. */
  invitations: SoakInvitation[][];
  /** The demo proctor, who signs the stations in. */
  proctorEmail: string;
  proctorPassword: string;
}

export interface SoakExamOptions {
  stations: number;
  invitationsPerStation: number;
  questions: number;
  durationMinutes: number;
}

interface ExamPlan {
  questionSetId: string;
  assessmentId: string;
  title: string;
  questions: { id: string; correct: string }[];
  invitations: SoakInvitation[][];
}

function planExam(rng: Rng, options: SoakExamOptions): ExamPlan {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const questionSetId = uuid();
  const assessmentId = uuid();
  const title = `Soak exam ${hex(4)}`;
  const ids = Array.from({ length: options.questions }, () => uuid());
  const questions = ids.map((id) => ({ id, correct: rng.pick(OPTION_KEYS) }));
  const invitations = Array.from({ length: options.stations }, (_, s) =>
    Array.from({ length: options.invitationsPerStation }, (_, i): SoakInvitation => {
      const label = `S${s + 1}-${String(i + 1).padStart(4, '0')}`;
      const code = `SOAK-${label}-${hex(6).toUpperCase()}`;
      const email = `soak.${label.toLowerCase()}@example.org`;
      return { code, tokenId: invitationTokenId(code), email, name: `Soak candidate ${label}` };
    }),
  );
  return { questionSetId, assessmentId, title, questions, invitations };
}

/** The plan's rows, each checked by its entity's schema as a push would be. */
function examRows(plan: ExamPlan, createdBy: string, durationMinutes: number): [Kind, Record<string, unknown>][] {
  const stamp = new Date().toISOString();
  const audit = { created_at: stamp, updated_at: stamp };
  const expires = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const { questionSetId, assessmentId } = plan;
  const rows: [Kind, Record<string, unknown>][] = [
    [
      'question_set',
      {
        question_set_id: questionSetId,
        skill: 'SQL',
        level: 'intermediate',
        total_questions: plan.questions.length,
        ...audit,
      },
    ],
    ...plan.questions.map(({ id, correct }, n): [Kind, Record<string, unknown>] => [
      'question',
      {
        id,
        question_text: `Soak question ${n + 1}: which option is right?`,
        options: OPTION_KEYS.map((key) => ({ key, text: `Option ${key} of question ${n + 1}` })),
        correct_answer: correct,
        question_set_id: questionSetId,
        difficulty: 'medium',
        ...audit,
      },
    ]),
    [
      'assessment',
      {
        assessment_id: assessmentId,
        title: plan.title,
        description: 'The fault soak’s exam.',
        required_skills: [],
        required_roles: [],
        question_set_id: questionSetId,
        assessment_method: 'questionnaire',
        duration_minutes: durationMinutes,
        is_questionnaire_enabled: true,
        is_interview_enabled: false,
        is_proctored: false,
        is_active: true,
        is_published: true,
        created_by: createdBy,
        ...audit,
      },
    ],
    ...plan.invitations.flat().map((invitation): [Kind, Record<string, unknown>] => [
      'assessment_token',
      {
        id: invitation.tokenId,
        token_hash: invitationTokenHash(invitation.code),
        assessment_id: assessmentId,
        candidate_email: invitation.email,
        expires_at: expires,
        is_used: false,
        created_by: createdBy,
        ...audit,
      },
    ]),
  ];
  return rows.map(([kind, doc]) => [kind, entities[kind].document.parse(doc) as Record<string, unknown>]);
}

export async function seedSoak(sql: Sql, rng: Rng, options: SoakExamOptions): Promise<SoakExam> {
  const proctorPassword = randomBytes(18).toString('base64url');
  const { accounts } = await seedDatabase(sql, { password: proctorPassword });
  const account = (role: string) => {
    const found = accounts.find((a) => a.role === role);
    if (!found) throw new Error(`the demo seed has no ${role}`);
    return found;
  };
  const plan = planExam(rng, options);
  const rows = examRows(plan, account('admin').id, options.durationMinutes);
  await sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    for (const [kind, doc] of rows) await writeRow(tx, kind, doc);
  });
  const { assessmentId, title, invitations } = plan;
  return { assessmentId, title, invitations, proctorEmail: account('proctor').email, proctorPassword };
}
