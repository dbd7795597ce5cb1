import { z } from 'zod';

// Every enum is a closed set: validators refuse any value not listed here.
// Values follow the reference domain document where it names them.

export const UserRole = z.enum(['candidate', 'recruiter', 'interviewer', 'proctor', 'admin', 'super_admin']);
export const QuestionSetLevel = z.enum(['beginner', 'intermediate', 'expert']);
export const QuestionDifficulty = z.enum(['easy', 'medium', 'hard']);
export const AssessmentMethod = z.enum(['questionnaire', 'interview', 'hybrid']);
export const ApplicationStatus = z.enum(['pending', 'in_progress', 'completed', 'shortlisted', 'rejected']);
export const JobRequisitionStatus = z.enum(['draft', 'open', 'paused', 'closed', 'filled', 'cancelled']);
export const EmploymentType = z.enum(['full-time', 'part-time', 'contract', 'internship', 'temporary']);
export const ExperienceLevel = z.enum(['entry', 'junior', 'mid', 'senior', 'lead', 'principal']);
export const NoteType = z.enum(['general', 'follow_up', 'red_flag']);
export const InterviewType = z.enum(['technical', 'behavioral', 'cultural', 'panel']);
export const InterviewMode = z.enum(['video', 'phone', 'in-person', 'ai']);
export const InterviewStatus = z.enum(['scheduled', 'in_progress', 'completed', 'cancelled', 'no_show']);
export const Recommendation = z.enum(['strong_hire', 'hire', 'maybe', 'no_hire']);
export const ProctoringEventType = z.enum([
  'no_face',
  'multiple_faces',
  'face_not_centered',
  'camera_unavailable',
  'tab_switch',
  'window_blur',
  'fullscreen_exit',
  'second_display',
  'blocked_shortcut',
]);
export const ProctoringIncidentSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export const NotificationType = z.enum(['system', 'assessment', 'interview', 'application', 'proctoring']);
export const NotificationPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const DocumentCategory = z.enum(['cv', 'jd', 'portfolio', 'cover_letter', 'other']);
export const SkillCategory = z.enum(['technical', 'soft', 'language', 'tool', 'domain', 'other']);
export const ExtractionType = z.enum(['cv_llm', 'jd_llm']);
export const ExtractionStatus = z.enum(['success', 'failed']);
export const LlmProvider = z.enum(['openai', 'anthropic', 'google', 'azure_openai', 'local', 'other']);
// Celery's task states, kept because the reference model tracked Celery tasks.
export const BackgroundTaskStatus = z.enum(['pending', 'started', 'retry', 'success', 'failure', 'revoked']);

export type UserRole = z.infer<typeof UserRole>;
export type ProctoringIncidentSeverity = z.infer<typeof ProctoringIncidentSeverity>;
