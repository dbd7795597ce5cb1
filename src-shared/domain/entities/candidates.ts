import { z } from 'zod';
import { defineEntity } from '../entity';
import { ApplicationStatus, AssessmentMethod, DocumentCategory, ExperienceLevel, LlmProvider } from '../enums';
import {
  auditFields,
  count,
  email,
  id,
  jsonObject,
  longText,
  optionalText,
  percentage,
  ref,
  sha256Hex,
  shortText,
  stringList,
  timestamp,
  url,
} from '../fields';

export const Candidate = defineEntity({
  name: 'candidate',
  idField: 'candidate_id',
  shape: {
    candidate_id: id(),
    full_name: shortText(200),
    email: email(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{5,30}$/, 'must be a phone number such as "+44 20 7946 0000"')
      .max(30)
      .optional(),
    current_role: optionalText(200).optional(),
    location: optionalText(200).optional(),
    education: optionalText(500).optional(),
    linkedin_url: url().optional(),
    github_url: url().optional(),
    portfolio_url: url().optional(),
    experience_level: ExperienceLevel.optional(),
    experience_years: z.number().min(0).max(70).multipleOf(0.5).optional(),
    skills: stringList(200, 100),
    jd_file_id: ref('candidates').optional(),
    cv_file_id: ref('candidates').optional(),
    portfolio_file_id: ref('candidates').optional(),
    availability_percentage: percentage().optional(),
    ...auditFields,
  },
  defaults: { skills: [] },
});

export const UploadedDocument = defineEntity({
  name: 'uploaded_document',
  idField: 'file_id',
  shape: {
    file_id: id(),
    candidate_id: ref('candidates').optional(),
    user_id: ref('users'),
    original_filename: shortText(255),
    file_type: shortText(20),
    document_category: DocumentCategory,
    s3_key: optionalText(1024).optional(),
    file_size: count(100 * 1024 * 1024),
    mime_type: shortText(127),
    extracted_text: longText(200_000).optional(),
    extraction_preview: longText(2000).optional(),
    is_encrypted: z.boolean(),
    encryption_method: optionalText(50).optional(),
    ...auditFields,
  },
  defaults: { is_encrypted: false },
  immutable: ['user_id'],
});

export const SkillMatch = defineEntity({
  name: 'skill_match',
  idField: 'match_id',
  shape: {
    match_id: id(),
    user_id: ref('users'),
    jd_file_id: ref('candidates'),
    cv_file_id: ref('candidates'),
    match_score: percentage(),
    matched_skills: stringList(),
    missing_skills: stringList(),
    extra_skills: stringList(),
    summary: jsonObject(),
    llm_used: z.boolean(),
    provider: LlmProvider.optional(),
    ...auditFields,
  },
  defaults: { matched_skills: [], missing_skills: [], extra_skills: [], summary: {}, llm_used: false },
});

export const Assessment = defineEntity({
  name: 'assessment',
  idField: 'assessment_id',
  shape: {
    assessment_id: id(),
    title: shortText(200),
    description: longText(20_000).optional(),
    job_title: optionalText(200).optional(),
    jd_id: ref('question_bank').optional(),
    required_skills: stringList(),
    required_roles: stringList(),
    question_set_id: ref('question_bank').optional(),
    assessment_method: AssessmentMethod,
    duration_minutes: count(24 * 60).min(1),
    is_questionnaire_enabled: z.boolean(),
    is_interview_enabled: z.boolean(),
    // The exam issue lets an assessment run without camera proctoring.
    is_proctored: z.boolean(),
    is_active: z.boolean(),
    is_published: z.boolean(),
    expires_at: timestamp().optional(),
    created_by: ref('users'),
    ...auditFields,
  },
  defaults: {
    required_skills: [],
    required_roles: [],
    assessment_method: 'questionnaire',
    is_questionnaire_enabled: true,
    is_interview_enabled: false,
    is_proctored: true,
    is_active: true,
    is_published: false,
  },
  immutable: ['created_by'],
});

export const AssessmentApplication = defineEntity({
  name: 'assessment_application',
  idField: 'application_id',
  // One application per (candidate, assessment), by construction.
  uniqueBy: ['candidate_id', 'assessment_id'],
  shape: {
    application_id: id(),
    candidate_id: ref('candidates'),
    assessment_id: ref('assessments'),
    test_session_id: ref('test_sessions').optional(),
    status: ApplicationStatus,
    applied_at: timestamp(),
    started_at: timestamp().optional(),
    completed_at: timestamp().optional(),
    candidate_availability: percentage().optional(),
    submitted_skills: stringList(),
    role_applied_for: optionalText(200).optional(),
    ...auditFields,
  },
  defaults: { status: 'pending', submitted_skills: [] },
});

export const AssessmentToken = defineEntity({
  name: 'assessment_token',
  idField: 'id',
  // Unique token strings, by construction: the id is derived from the token's hash.
  uniqueBy: ['token_hash'],
  shape: {
    id: id(),
    // The invitation itself, shown to recruiters; stations receive only token_hash.
    token: z
      .string()
      .regex(/^[A-Z0-9-]{8,64}$/, 'must be 8–64 characters of A–Z, 0–9 and "-"')
      .max(64)
      .optional(),
    token_hash: sha256Hex(),
    assessment_id: ref('assessments'),
    candidate_email: email(),
    expires_at: timestamp(),
    is_used: z.boolean(),
    used_at: timestamp().optional(),
    created_by: ref('users'),
    ...auditFields,
  },
  defaults: { is_used: false },
  immutable: ['assessment_id', 'candidate_email', 'created_by'],
});
