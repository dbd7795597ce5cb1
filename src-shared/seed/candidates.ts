import { derivedId, normaliseEmail } from '../domain/ids';
import { invitationTokenHash } from '../domain/invitation-token';
import type { Doc } from '../domain/registry';
import { expectedId } from '../storage/stored-doc';
import { addExam, addInterview } from './candidate-pipeline';
import type { QuestionSetWithQuestions } from './catalogue';
import { DEMO_EMAIL_DOMAIN, type Staff } from './people';
import type { SeedBuilder } from './seed-builder';
import { LOCATIONS, ROLES } from './vocabulary';

/*
 * The candidates, each through the pipeline as far as their stage: a profile
 * with a CV, a skill match and its extraction log; an application to a
 * published assessment with its invitation; the exam once started; a
 * recruiter's note; an interview with feedback once the exam is done.
 */

export interface Pipeline {
  staff: Staff;
  /** The first candidate is this user, so the demo candidate account has a history. */
  candidateUser: Doc<'user'>;
  sets: QuestionSetWithQuestions[];
  assessments: readonly Doc<'assessment'>[];
  requisitions: readonly Doc<'job_requisition'>[];
}

const STAGES = ['pending', 'in_progress', 'completed', 'shortlisted', 'rejected'] as const;
type Stage = (typeof STAGES)[number];
type Role = (typeof ROLES)[number];

/** The candidate, their CV, the JD it was matched against, the match and the CV's extraction log. */
function addProfile(b: SeedBuilder, c: number, candidateUser: Doc<'user'>, recruiterId: string) {
  const r = b.r;
  const p = c === 0 ? { full_name: candidateUser.full_name, slug: 'candidate' } : b.person();
  const email = c === 0 ? candidateUser.email : `${p.slug}.${c}@candidates.${DEMO_EMAIL_DOMAIN}`;
  const role: Role = r.pick(ROLES);
  const candidate = b.add('candidate', {
    candidate_id: r.uuid(),
    full_name: p.full_name,
    email,
    phone: `+49 30 ${r.int(1000000, 9999999)}`,
    current_role: role[0],
    location: r.pick(LOCATIONS),
    education: r.pick(['BSc Computer Science', 'MSc Data Science', 'BEng Software Engineering', 'Self-taught']),
    linkedin_url: `https://www.linkedin.com/in/${p.slug.replace('.', '-')}-${c}`,
    experience_level: r.pick(['junior', 'mid', 'senior'] as const),
    experience_years: r.int(1, 14),
    skills: [...role[2]],
    availability_percentage: r.pick([50, 80, 100]),
  });
  const cv = b.add('uploaded_document', {
    file_id: r.uuid(),
    candidate_id: candidate.candidate_id,
    user_id: recruiterId,
    original_filename: `${p.slug}-cv.pdf`,
    file_type: 'pdf',
    document_category: 'cv',
    file_size: r.int(50_000, 900_000),
    mime_type: 'application/pdf',
    extraction_preview: `${p.full_name} — ${role[0]}, ${candidate.experience_years} years.`,
    is_encrypted: true,
    encryption_method: 'AES-256-GCM',
  });
  candidate.cv_file_id = cv.file_id;
  const jdDoc = b.add('uploaded_document', {
    file_id: r.uuid(),
    user_id: recruiterId,
    original_filename: `${role[0].toLowerCase().replace(/ /g, '-')}-jd.pdf`,
    file_type: 'pdf',
    document_category: 'jd',
    file_size: r.int(20_000, 200_000),
    mime_type: 'application/pdf',
    is_encrypted: false,
  });
  b.add('skill_match', {
    match_id: r.uuid(),
    user_id: recruiterId,
    jd_file_id: jdDoc.file_id,
    cv_file_id: cv.file_id,
    match_score: r.int(35, 95),
    matched_skills: role[2].slice(0, 2),
    missing_skills: role[2].slice(2),
    extra_skills: ['Communication'],
    summary: { verdict: 'promising', notes: 'Strong overlap on core skills.' },
    llm_used: true,
    provider: 'anthropic',
  });
  b.add('extraction_log', {
    id: r.uuid(),
    user_id: recruiterId,
    extraction_type: 'cv_llm',
    input_length: r.int(2_000, 20_000),
    output_data: { skills: [...role[2]] },
    confidence_score: 0.9,
    status: 'success',
    provider: 'anthropic',
  });
  return { candidate, role };
}

/** The application at the candidate's stage, counted on its requisition, and its invitation (used unless pending). */
function addApplication(
  b: SeedBuilder,
  c: number,
  candidate: Doc<'candidate'>,
  role: Role,
  assessment: Doc<'assessment'>,
  requisition: Doc<'job_requisition'>,
  stage: Stage,
  recruiterId: string,
): Doc<'assessment_application'> {
  const r = b.r;
  const appliedAt = b.at(-r.int(10, 30));
  const app = b.add('assessment_application', {
    application_id: derivedId('app', [candidate.candidate_id, assessment.assessment_id]),
    candidate_id: candidate.candidate_id,
    assessment_id: assessment.assessment_id,
    status: stage,
    applied_at: appliedAt,
    submitted_skills: [...role[2]],
    role_applied_for: requisition.title,
    candidate_availability: candidate.availability_percentage,
    created_at: appliedAt,
  });
  requisition.total_applicants += 1;

  const token = `DEMO-${String(c).padStart(4, '0')}-${r.int(1000, 9999)}`;
  const tokenHash = invitationTokenHash(token);
  b.add('assessment_token', {
    id: expectedId('assessment_token', { token_hash: tokenHash })!,
    token,
    token_hash: tokenHash,
    assessment_id: assessment.assessment_id,
    candidate_email: normaliseEmail(candidate.email),
    expires_at: b.at(14),
    is_used: stage !== 'pending',
    ...(stage !== 'pending' ? { used_at: b.at(-5) } : {}),
    created_by: recruiterId,
  });
  return app;
}

function addNote(b: SeedBuilder, c: number, app: Doc<'assessment_application'>, authorId: string) {
  const r = b.r;
  b.add('application_note', {
    note_id: r.uuid(),
    application_id: app.application_id,
    author_id: authorId,
    note_text: r.pick([
      'Good first call, keen on the team.',
      'Check notice period.',
      'Asked for relocation support.',
      'Strong portfolio.',
    ]),
    note_type: r.pick(['general', 'follow_up', 'red_flag'] as const),
    is_private: c % 4 === 0,
  });
}

export function addCandidates(b: SeedBuilder, count: number, pipeline: Pipeline) {
  const { staff, candidateUser, sets, assessments, requisitions } = pipeline;
  for (let c = 0; c < count; c++) {
    const { candidate, role } = addProfile(b, c, candidateUser, staff.recruiter.id);
    const assessment = assessments[c % 3]!; // only published ones get applicants
    const requisition = requisitions[c % 2]!;
    const stage = STAGES[c % 5]!;
    const app = addApplication(b, c, candidate, role, assessment, requisition, stage, staff.recruiter.id);

    if (stage !== 'pending')
      addExam(
        b,
        app,
        candidate,
        assessment,
        sets,
        stage !== 'in_progress',
        staff.proctor.id,
        c === 0 ? candidateUser.id : undefined,
      );

    addNote(b, c, app, staff.recruiter.id);

    if (stage === 'completed' || stage === 'shortlisted' || stage === 'rejected') {
      addInterview(b, candidate, requisition, app, [staff.interviewer.id, staff.interviewer2.id], c);
      requisition.total_interviewed += 1;
    }
  }
}
