import { z } from 'zod';
import { defineEntity } from '../entity';
import { QuestionDifficulty, QuestionSetLevel } from '../enums';
import { auditFields, count, id, longText, optionalText, ref, shortText } from '../fields';

export const JobDescription = defineEntity({
  name: 'job_description',
  idField: 'jd_id',
  shape: {
    jd_id: id(),
    title: shortText(200),
    description: longText(20_000).optional(),
    extracted_text: longText(200_000).optional(),
    s3_key: optionalText(1024).optional(),
    file_name: optionalText(255).optional(),
    file_size: count(100 * 1024 * 1024).optional(),
    uploaded_by: ref('users'),
    ...auditFields,
  },
});

export const QuestionSet = defineEntity({
  name: 'question_set',
  idField: 'question_set_id',
  shape: {
    question_set_id: id(),
    skill: shortText(100),
    level: QuestionSetLevel,
    total_questions: count(1000),
    generation_model: optionalText(100).optional(),
    ...auditFields,
  },
  defaults: { total_questions: 0 },
});

const OptionKey = z
  .string()
  .regex(/^[A-Z]$/, 'must be a single capital letter A–Z')
  .max(1);

export const Question = defineEntity({
  name: 'question',
  idField: 'id',
  shape: {
    id: id(),
    question_text: shortText(5000),
    options: z
      .array(z.strictObject({ key: OptionKey, text: shortText(1000) }))
      .min(2)
      .max(8),
    // Absent on exam stations: candidates' devices never receive it.
    correct_answer: OptionKey.optional(),
    question_set_id: ref('question_bank').optional(),
    jd_id: ref('question_bank').optional(),
    difficulty: QuestionDifficulty,
    topic: optionalText(200).optional(),
    generation_model: optionalText(100).optional(),
    ...auditFields,
  },
  defaults: { difficulty: 'medium' },
  refine(doc, ctx) {
    if (!doc.question_set_id === !doc.jd_id)
      ctx.addIssue({
        code: 'custom',
        path: ['question_set_id'],
        message: 'exactly one of question_set_id or jd_id is required',
      });
    const keys = doc.options.map((o) => o.key);
    if (new Set(keys).size !== keys.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option keys must be distinct' });
    if (doc.correct_answer !== undefined && !keys.includes(doc.correct_answer))
      ctx.addIssue({ code: 'custom', path: ['correct_answer'], message: 'must be the key of one of the options' });
  },
});
