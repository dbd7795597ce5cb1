import { expectedId } from '../storage/stored-doc';
import type { QuestionSetWithQuestions } from './catalogue';
import type { Staff } from './people';
import type { SeedBuilder } from './seed-builder';

/** The admins' settings and one finished background task (the first question set's generation). */
export function addAdministration(b: SeedBuilder, staff: Staff, sets: readonly QuestionSetWithQuestions[]) {
  const r = b.r;
  for (const u of [staff.admin, staff.superAdmin]) {
    b.add('admin_settings', {
      id: expectedId('admin_settings', { user_id: u.id })!,
      user_id: u.id,
      settings: { default_duration_minutes: 30, score_release: 'immediate', theme: 'light' },
    });
  }
  b.add('background_task', {
    task_id: r.uuid(),
    task_name: 'generate_question_set',
    status: 'success',
    result: { questions: 4 },
    related_type: 'question_set',
    related_id: sets[0]!.set.question_set_id,
    user_id: staff.admin.id,
  });
}
