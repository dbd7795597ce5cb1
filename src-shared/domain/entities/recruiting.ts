import { z } from 'zod';
import { defineEntity } from '../entity';
import {
  EmploymentType,
  ExperienceLevel,
  InterviewMode,
  InterviewStatus,
  InterviewType,
  JobRequisitionStatus,
  NoteType,
  Recommendation,
} from '../enums';
import {
  auditFields,
  count,
  currency,
  id,
  jsonObject,
  longText,
  money,
  optionalText,
  rating,
  ref,
  refList,
  shortText,
  stringList,
  timestamp,
  timezone,
  url,
} from '../fields';

export const JobRequisition = defineEntity({
  name: 'job_requisition',
  idField: 'requisition_id',
  shape: {
    requisition_id: id(),
    title: shortText(200),
    description: longText(20_000),
    department: optionalText(200).optional(),
    location: optionalText(200).optional(),
    employment_type: EmploymentType,
    // Skill name → expected level, as in the reference's example.
    required_skills: z.record(z.string().min(1).max(100), z.string().max(50)),
    experience_level: ExperienceLevel.optional(),
    min_experience_years: count(70).optional(),
    max_experience_years: count(70).optional(),
    min_salary: money().optional(),
    max_salary: money().optional(),
    currency: currency().optional(),
    positions_available: count(10_000).min(1),
    positions_filled: count(10_000),
    status: JobRequisitionStatus,
    is_published: z.boolean(),
    published_at: timestamp().optional(),
    closes_at: timestamp().optional(),
    jd_id: ref('question_bank').optional(),
    assessment_id: ref('assessments').optional(),
    created_by: ref('users'),
    hiring_manager_id: ref('users').optional(),
    total_applicants: count(),
    total_interviewed: count(),
    total_hired: count(),
    ...auditFields,
  },
  defaults: {
    required_skills: {},
    employment_type: 'full-time',
    positions_available: 1,
    positions_filled: 0,
    status: 'draft',
    is_published: false,
    total_applicants: 0,
    total_interviewed: 0,
    total_hired: 0,
  },
  serverOwned: ['positions_filled', 'total_applicants', 'total_interviewed', 'total_hired'],
  immutable: ['created_by'],
  refine(doc, ctx) {
    if (
      doc.min_experience_years !== undefined &&
      doc.max_experience_years !== undefined &&
      doc.min_experience_years > doc.max_experience_years
    )
      ctx.addIssue({
        code: 'custom',
        path: ['max_experience_years'],
        message: 'must be at least min_experience_years',
      });
    if (doc.min_salary !== undefined && doc.max_salary !== undefined && doc.min_salary > doc.max_salary)
      ctx.addIssue({ code: 'custom', path: ['max_salary'], message: 'must be at least min_salary' });
    if ((doc.min_salary !== undefined || doc.max_salary !== undefined) && !doc.currency)
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required when a salary is given' });
    if (doc.positions_filled > doc.positions_available)
      ctx.addIssue({ code: 'custom', path: ['positions_filled'], message: 'must not exceed positions_available' });
  },
});

export const ApplicationNote = defineEntity({
  name: 'application_note',
  idField: 'note_id',
  shape: {
    note_id: id(),
    application_id: ref('applications'),
    author_id: ref('users'),
    note_text: shortText(10_000),
    note_type: NoteType,
    is_private: z.boolean(),
    ...auditFields,
  },
  defaults: { note_type: 'general', is_private: false },
  immutable: ['application_id', 'author_id'],
});

export const InterviewSession = defineEntity({
  name: 'interview_session',
  idField: 'interview_id',
  shape: {
    interview_id: id(),
    interview_type: InterviewType,
    interview_mode: InterviewMode,
    candidate_id: ref('candidates'),
    requisition_id: ref('requisitions').optional(),
    assessment_application_id: ref('applications').optional(),
    scheduled_at: timestamp(),
    duration_minutes: count(24 * 60).min(5),
    timezone: timezone(),
    interviewer_id: ref('users'),
    additional_interviewers: refList('users', 20),
    status: InterviewStatus,
    started_at: timestamp().optional(),
    ended_at: timestamp().optional(),
    actual_duration_minutes: count(24 * 60).optional(),
    preparation_notes: longText(20_000).optional(),
    question_guide: stringList(100, 2000),
    meeting_link: url().optional(),
    meeting_room: optionalText(200).optional(),
    meeting_notes: longText(50_000).optional(),
    cancellation_reason: optionalText(2000).optional(),
    reminder_sent: z.boolean(),
    ...auditFields,
  },
  defaults: {
    interview_type: 'technical',
    interview_mode: 'video',
    duration_minutes: 60,
    timezone: 'UTC',
    additional_interviewers: [],
    status: 'scheduled',
    question_guide: [],
    reminder_sent: false,
  },
  refine(doc, ctx) {
    if (doc.status === 'cancelled' && !doc.cancellation_reason)
      ctx.addIssue({
        code: 'custom',
        path: ['cancellation_reason'],
        message: 'is required when an interview is cancelled',
      });
    if (doc.additional_interviewers.includes(doc.interviewer_id))
      ctx.addIssue({ code: 'custom', path: ['additional_interviewers'], message: 'must not repeat interviewer_id' });
    if (doc.started_at && doc.ended_at && doc.ended_at < doc.started_at)
      ctx.addIssue({ code: 'custom', path: ['ended_at'], message: 'must not be before started_at' });
  },
});

export const InterviewFeedback = defineEntity({
  name: 'interview_feedback',
  idField: 'feedback_id',
  // One feedback per interview, by construction.
  uniqueBy: ['interview_id'],
  shape: {
    feedback_id: id(),
    interview_id: ref('interviews'),
    interviewer_id: ref('users'),
    overall_rating: rating(),
    recommendation: Recommendation,
    technical_skills_rating: rating().optional(),
    communication_rating: rating().optional(),
    problem_solving_rating: rating().optional(),
    culture_fit_rating: rating().optional(),
    skills_evaluated: jsonObject(),
    strengths: longText(10_000).optional(),
    weaknesses: longText(10_000).optional(),
    detailed_notes: longText(50_000).optional(),
    questions_asked: stringList(100, 2000),
    requires_second_round: z.boolean(),
    follow_up_notes: longText(10_000).optional(),
    submitted_at: timestamp().optional(),
    is_final: z.boolean(),
    ...auditFields,
  },
  defaults: { skills_evaluated: {}, questions_asked: [], requires_second_round: false, is_final: false },
  immutable: ['interviewer_id'],
  refine(doc, ctx) {
    if (doc.is_final && !doc.submitted_at)
      ctx.addIssue({ code: 'custom', path: ['submitted_at'], message: 'is required once is_final is true' });
  },
});
