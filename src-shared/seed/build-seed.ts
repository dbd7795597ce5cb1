import { derivedId, normaliseEmail } from '../domain/ids';
import { invitationTokenHash, invitationTokenId } from '../domain/invitation-token';
import type { Doc } from '../domain/registry';
import { expectedId } from '../storage/stored-doc';
import { addExam, addInterview } from './candidate-pipeline';
import { SeedBuilder, type SeedDocs } from './seed-builder';
import { LOCATIONS, ROLES, SKILLS, TOPICS } from './vocabulary';

export type { SeedDocs };

/*
 * Demo data for every collection and every role: a small hiring pipeline
 * with requisitions, assessments, candidates at every stage, interviews with
 * feedback, completed exams with answers and proctoring events. Deterministic
 * for a given seed and date, so end-to-end tests and benchmarks can rely on it.
 */

export interface SeedOptions {
  now?: Date;
  /** Candidates generated (default 24); everything else scales with it. */
  candidates?: number;
  seed?: number;
}

export interface DemoAccount {
  id: string;
  email: string;
  full_name: string;
  role: Doc<'user'>['role'];
}

/** A demo invitation whose code the seed reveals, so exam stations and their tests have codes to type. */
export interface DemoInvitation {
  token: string;
  candidate_email: string;
  assessment_title: string;
  /** What a station must answer: accept it, or refuse it as used, expired or for a closed assessment. */
  state: 'open' | 'used' | 'expired' | 'assessment_closed';
}

export interface Seed {
  docs: SeedDocs;
  accounts: DemoAccount[];
  /** Up to five open invitations and one of each refusal (deterministic: the same for every build). */
  invitations: DemoInvitation[];
}

export const DEMO_EMAIL_DOMAIN = 'demo.assist-ten.test';

function user(b: SeedBuilder, role: Doc<'user'>['role'], fullName: string, localPart: string): Doc<'user'> {
  const email = `${localPart}@${DEMO_EMAIL_DOMAIN}`;
  const streak = b.r.int(0, 6);
  return b.add('user', {
    id: expectedId('user', { email })!,
    email,
    full_name: fullName,
    role,
    is_active: true,
    is_verified: true,
    login_streak: streak,
    max_login_streak: streak + b.r.int(0, 10),
    quiz_streak: 0,
    max_quiz_streak: 0,
    ...(streak ? { last_login_date: b.at(-1).slice(0, 10) } : {}),
  });
}

export function buildSeed(options: SeedOptions = {}): Seed {
  const now = options.now ?? new Date();
  const b = new SeedBuilder(now, options.seed ?? 2026);
  const r = b.r;

  const staff = {
    superAdmin: user(b, 'super_admin', 'Sofia Marín', 'superadmin'),
    admin: user(b, 'admin', 'Adebayo Okonkwo', 'admin'),
    recruiter: user(b, 'recruiter', 'Rania Haddad', 'recruiter'),
    recruiter2: user(b, 'recruiter', 'Lars Holm', 'recruiter2'),
    interviewer: user(b, 'interviewer', 'Ines Duarte', 'interviewer'),
    interviewer2: user(b, 'interviewer', 'Kenji Sato', 'interviewer2'),
    proctor: user(b, 'proctor', 'Priya Iyer', 'proctor'),
  };
  const candidateUser = user(b, 'candidate', 'Cara Mensah', 'candidate');

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

  const jds = ROLES.slice(0, 3).map(([title, department]) =>
    b.add('job_description', {
      jd_id: r.uuid(),
      title,
      description: `${title} in our ${department} team.`,
      extracted_text: `We are hiring a ${title}. You will design, build and operate services used by thousands of people.`,
      file_name: `${title.toLowerCase().replace(/ /g, '-')}.pdf`,
      file_size: r.int(40_000, 400_000),
      s3_key: `jd/${title.toLowerCase().replace(/ /g, '-')}.pdf`,
      uploaded_by: staff.recruiter.id,
    }),
  );

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

  const assessments = sets.map(({ set, qs }, i) =>
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
      created_by: staff.admin.id,
    }),
  );

  const requisitions = ROLES.slice(0, 5).map(([title, department, skills], i) =>
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

  const count = options.candidates ?? 24;
  for (let c = 0; c < count; c++) {
    const p = c === 0 ? { full_name: candidateUser.full_name, slug: 'candidate' } : b.person();
    const email = c === 0 ? candidateUser.email : `${p.slug}.${c}@candidates.${DEMO_EMAIL_DOMAIN}`;
    const role = r.pick(ROLES);
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
      user_id: staff.recruiter.id,
      original_filename: `${p.slug}-cv.pdf`,
      file_type: 'pdf',
      document_category: 'cv',
      file_size: r.int(50_000, 900_000),
      mime_type: 'application/pdf',
      extraction_preview: `${p.full_name} — ${role[0]}, ${candidate.experience_years} years.`,
      is_encrypted: true,
      encryption_method: 'AES-256-GCM',
    });
    b.docs.candidate!.at(-1)!.cv_file_id = cv.file_id;
    const jdDoc = b.add('uploaded_document', {
      file_id: r.uuid(),
      user_id: staff.recruiter.id,
      original_filename: `${role[0].toLowerCase().replace(/ /g, '-')}-jd.pdf`,
      file_type: 'pdf',
      document_category: 'jd',
      file_size: r.int(20_000, 200_000),
      mime_type: 'application/pdf',
      is_encrypted: false,
    });
    b.add('skill_match', {
      match_id: r.uuid(),
      user_id: staff.recruiter.id,
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
      user_id: staff.recruiter.id,
      extraction_type: 'cv_llm',
      input_length: r.int(2_000, 20_000),
      output_data: { skills: [...role[2]] },
      confidence_score: 0.9,
      status: 'success',
      provider: 'anthropic',
    });

    const assessment = assessments[c % 3]!; // only published ones get applicants
    const requisition = requisitions[c % 2]!;
    const stage = (['pending', 'in_progress', 'completed', 'shortlisted', 'rejected'] as const)[c % 5]!;
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
      candidate_email: normaliseEmail(email),
      expires_at: b.at(14),
      is_used: stage !== 'pending',
      ...(stage !== 'pending' ? { used_at: b.at(-5) } : {}),
      created_by: staff.recruiter.id,
    });

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

    b.add('application_note', {
      note_id: r.uuid(),
      application_id: app.application_id,
      author_id: staff.recruiter.id,
      note_text: r.pick([
        'Good first call, keen on the team.',
        'Check notice period.',
        'Asked for relocation support.',
        'Strong portfolio.',
      ]),
      note_type: r.pick(['general', 'follow_up', 'red_flag'] as const),
      is_private: c % 4 === 0,
    });

    if (stage === 'completed' || stage === 'shortlisted' || stage === 'rejected') {
      addInterview(b, candidate, requisition, app, [staff.interviewer.id, staff.interviewer2.id], c);
      requisition.total_interviewed += 1;
    }
  }

  for (const u of Object.values(staff).concat(candidateUser)) {
    for (let n = 0; n < 3; n++) {
      const read = n === 2;
      b.add('notification', {
        notification_id: r.uuid(),
        user_id: u.id,
        notification_type: r.pick(['system', 'assessment', 'interview', 'application', 'proctoring'] as const),
        title: r.pick([
          'New application received',
          'Interview tomorrow',
          'Assessment published',
          'Flagged session to review',
          'Welcome to Assist-Ten',
        ]),
        message: 'Open Assist-Ten to see the details.',
        is_read: read,
        ...(read ? { read_at: b.at(-1) } : {}),
        is_archived: false,
        priority: r.pick(['low', 'normal', 'high'] as const),
      });
    }
  }
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

  const accounts = [...Object.values(staff), candidateUser].map(({ id, email, full_name, role }) => ({
    id,
    email,
    full_name,
    role,
  }));
  return { docs: b.docs, accounts, invitations: stationInvitations(b, now, assessments, staff.recruiter.id) };
}

/**
 * Invitations for exam stations: the pipeline's unused ones (open, for
 * published assessments) plus one expired and one for the closed (expired,
 * unpublished) assessment, written last and without the seeded randomness, so
 * that every other seed row stays as it was.
 */
function stationInvitations(
  b: SeedBuilder,
  now: Date,
  assessments: Doc<'assessment'>[],
  createdBy: string,
): DemoInvitation[] {
  const titleOf = new Map(assessments.map((a) => [a.assessment_id, a.title]));
  const closed = assessments.find((a) => !a.is_published)!;
  const stamp = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  const tokens = b.docs.assessment_token ?? [];
  const extra = (token: string, assessment: Doc<'assessment'>, email: string, expiresInDays: number) =>
    b.add('assessment_token', {
      id: invitationTokenId(token),
      token,
      token_hash: invitationTokenHash(token),
      assessment_id: assessment.assessment_id,
      candidate_email: normaliseEmail(email),
      expires_at: stamp(expiresInDays),
      is_used: false,
      created_by: createdBy,
      created_at: stamp(-20),
    });
  const invitee = tokens.find((t) => !t.is_used)!;
  const published = assessments.find((a) => a.assessment_id === invitee.assessment_id)!;
  const expired = extra('DEMO-EXPIRED-0001', published, invitee.candidate_email, -1);
  const forClosed = extra('DEMO-CLOSED-0001', closed, invitee.candidate_email, 14);
  const describe = (t: Doc<'assessment_token'>, state: DemoInvitation['state']): DemoInvitation => ({
    token: t.token!,
    candidate_email: t.candidate_email,
    assessment_title: titleOf.get(t.assessment_id)!,
    state,
  });
  return [
    ...tokens
      .filter((t) => !t.is_used && t.token!.startsWith('DEMO-0'))
      .slice(0, 5)
      .map((t) => describe(t, 'open')),
    ...tokens
      .filter((t) => t.is_used)
      .slice(0, 1)
      .map((t) => describe(t, 'used')),
    describe(expired, 'expired'),
    describe(forClosed, 'assessment_closed'),
  ];
}
