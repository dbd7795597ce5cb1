import type { Doc } from '../domain/registry';
import type { Staff } from './people';
import type { SeedBuilder } from './seed-builder';
import { LOCATIONS, ROLES } from './vocabulary';

/**
 * Five requisitions in every status, split between the two recruiters. Their
 * applicant and interview counters start at 0; the candidates count themselves in.
 */
export function addRequisitions(
  b: SeedBuilder,
  jds: readonly Doc<'job_description'>[],
  assessments: readonly Doc<'assessment'>[],
  staff: Staff,
): Doc<'job_requisition'>[] {
  const r = b.r;
  return ROLES.slice(0, 5).map(([title, department, skills], i) =>
    b.add('job_requisition', {
      requisition_id: r.uuid(),
      title: `${i % 2 ? 'Senior ' : ''}${title}`,
      description: `Join ${department} to build the products our customers rely on.`,
      department,
      location: r.pick(LOCATIONS),
      employment_type: i === 4 ? 'contract' : 'full-time',
      required_skills: Object.fromEntries(skills.map((s) => [s, r.pick(['intermediate', 'expert'])])),
      experience_level: i % 2 ? 'senior' : 'mid',
      min_experience_years: i % 2 ? 5 : 2,
      max_experience_years: i % 2 ? 12 : 6,
      min_salary: 60_000 + i * 5_000,
      max_salary: 90_000 + i * 8_000,
      currency: 'EUR',
      positions_available: 1 + (i % 3),
      positions_filled: 0,
      status: (['open', 'open', 'draft', 'paused', 'closed'] as const)[i]!,
      is_published: i < 2,
      ...(i < 2 ? { published_at: b.at(-20) } : {}),
      closes_at: b.at(45),
      jd_id: jds[i % jds.length]!.jd_id,
      assessment_id: assessments[i % assessments.length]!.assessment_id,
      created_by: i % 2 ? staff.recruiter2.id : staff.recruiter.id,
      hiring_manager_id: staff.interviewer.id,
      total_applicants: 0,
      total_interviewed: 0,
      total_hired: 0,
    }),
  );
}
