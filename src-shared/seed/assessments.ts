import type { Doc } from '../domain/registry';
import type { QuestionSetWithQuestions } from './catalogue';
import type { SeedBuilder } from './seed-builder';
import { ROLES } from './vocabulary';

/** One assessment per question set: the first three published, the last one expired. */
export function addAssessments(
  b: SeedBuilder,
  sets: readonly QuestionSetWithQuestions[],
  createdBy: string,
): Doc<'assessment'>[] {
  const r = b.r;
  return sets.map(({ set, qs }, i) =>
    b.add('assessment', {
      assessment_id: r.uuid(),
      title: `${set.skill} ${set.level} assessment`,
      description: `A ${qs.length}-question multiple-choice test of ${set.skill}.`,
      job_title: ROLES[i % ROLES.length]![0],
      question_set_id: set.question_set_id,
      required_skills: [set.skill],
      required_roles: [ROLES[i % ROLES.length]![0]],
      assessment_method: 'questionnaire',
      duration_minutes: 10 + 5 * i,
      is_questionnaire_enabled: true,
      is_interview_enabled: i % 2 === 0,
      is_proctored: true,
      is_active: true,
      is_published: i < 3,
      // The last one has expired, so screens show the computed is_expired.
      expires_at: i === sets.length - 1 ? b.at(-2) : b.at(30),
      created_by: createdBy,
    }),
  );
}
