import type { Doc } from '../domain/registry';
import { expectedId } from '../storage/stored-doc';
import type { SeedBuilder } from './seed-builder';
import { ROLES, SKILLS, TOPICS } from './vocabulary';

/*
 * What hiring draws on: the skill and role catalogues, job descriptions and
 * the question bank (a curated question set per topic, and one question
 * generated from a job description).
 */

export interface QuestionSetWithQuestions {
  set: Doc<'question_set'>;
  qs: Doc<'question'>[];
}

function addSkillsAndRoles(b: SeedBuilder) {
  for (const [name, category] of SKILLS) {
    b.add('skill', {
      skill_id: expectedId('skill', { name })!,
      name,
      category,
      is_active: true,
      description: `${name} (${category})`,
    });
  }
  for (const [name, department, skills] of ROLES) {
    b.add('role', {
      role_id: expectedId('role', { name })!,
      name,
      department,
      required_skills: [...skills],
      is_active: true,
    });
  }
}

function addJobDescriptions(b: SeedBuilder, uploadedBy: string): Doc<'job_description'>[] {
  const r = b.r;
  return ROLES.slice(0, 3).map(([title, department]) =>
    b.add('job_description', {
      jd_id: r.uuid(),
      title,
      description: `${title} in our ${department} team.`,
      extracted_text: `We are hiring a ${title}. You will design, build and operate services used by thousands of people.`,
      file_name: `${title.toLowerCase().replace(/ /g, '-')}.pdf`,
      file_size: r.int(40_000, 400_000),
      s3_key: `jd/${title.toLowerCase().replace(/ /g, '-')}.pdf`,
      uploaded_by: uploadedBy,
    }),
  );
}

function addQuestionBank(b: SeedBuilder, jds: readonly Doc<'job_description'>[]): QuestionSetWithQuestions[] {
  const r = b.r;
  const sets = Object.entries(TOPICS).map(([skill, questions]) => {
    const set = b.add('question_set', {
      question_set_id: r.uuid(),
      skill,
      level: r.pick(['beginner', 'intermediate', 'expert'] as const),
      total_questions: questions.length,
      generation_model: 'curated',
    });
    const qs = questions.map((q) =>
      b.add('question', {
        id: r.uuid(),
        question_text: q.q,
        options: q.options.map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
        correct_answer: String.fromCharCode(65 + q.answer),
        question_set_id: set.question_set_id,
        difficulty: r.pick(['easy', 'medium', 'hard'] as const),
        topic: skill,
      }),
    );
    return { set, qs };
  });
  b.add('question', {
    id: r.uuid(),
    question_text: 'Which practice keeps a service available during a rolling deploy?',
    options: [
      { key: 'A', text: 'Stopping every instance first' },
      { key: 'B', text: 'Health checks and draining connections' },
      { key: 'C', text: 'Disabling logging' },
    ],
    correct_answer: 'B',
    jd_id: jds[0]!.jd_id,
    difficulty: 'medium',
    topic: 'Operations',
  });
  return sets;
}

export function addCatalogue(b: SeedBuilder, recruiterId: string) {
  addSkillsAndRoles(b);
  const jds = addJobDescriptions(b, recruiterId);
  const sets = addQuestionBank(b, jds);
  return { jds, sets };
}
