import { z } from 'zod';
import { defineEntity } from '../entity';
import {
  BackgroundTaskStatus,
  ExtractionStatus,
  ExtractionType,
  LlmProvider,
  NotificationPriority,
  NotificationType,
  ProctoringEventType,
  ProctoringIncidentSeverity,
  SkillCategory,
} from '../enums';
import {
  auditFields,
  count,
  id,
  jsonObject,
  longText,
  optionalText,
  ref,
  shortText,
  stringList,
  timestamp,
} from '../fields';

export const ProctoringEvent = defineEntity({
  name: 'proctoring_event',
  idField: 'event_id',
  shape: {
    event_id: id(),
    test_session_id: ref('test_sessions'),
    event_type: ProctoringEventType,
    severity: ProctoringIncidentSeverity,
    detected_at: timestamp(),
    duration_seconds: z
      .number()
      .min(0)
      .max(7 * 24 * 3600)
      .multipleOf(0.001),
    question_id: ref('question_bank').optional(),
    snapshot_url: optionalText(2048).optional(),
    metadata: jsonObject(),
    reviewed: z.boolean(),
    reviewed_by: ref('users').optional(),
    reviewed_at: timestamp().optional(),
    reviewer_notes: longText(10_000).optional(),
    flagged: z.boolean(),
    ...auditFields,
  },
  defaults: { duration_seconds: 0, metadata: {}, reviewed: false, flagged: false },
  immutable: ['test_session_id', 'event_type', 'detected_at'],
  refine(doc, ctx) {
    if (doc.reviewed && (!doc.reviewed_by || !doc.reviewed_at))
      ctx.addIssue({
        code: 'custom',
        path: ['reviewed_by'],
        message: 'reviewed_by and reviewed_at are required once reviewed',
      });
  },
});

export const Notification = defineEntity({
  name: 'notification',
  idField: 'notification_id',
  shape: {
    notification_id: id(),
    user_id: ref('users'),
    notification_type: NotificationType,
    title: shortText(200),
    message: shortText(5000),
    related_entity_type: optionalText(50).optional(),
    related_entity_id: id().optional(),
    action_url: optionalText(2048).optional(),
    is_read: z.boolean(),
    read_at: timestamp().optional(),
    is_archived: z.boolean(),
    priority: NotificationPriority,
    ...auditFields,
  },
  defaults: { notification_type: 'system', is_read: false, is_archived: false, priority: 'normal' },
  immutable: ['user_id'],
});

export const Skill = defineEntity({
  name: 'skill',
  idField: 'skill_id',
  // Unique names, by construction: the id is derived from the normalised name.
  uniqueBy: ['name'],
  shape: {
    skill_id: id(),
    name: shortText(100),
    description: longText(2000).optional(),
    category: SkillCategory,
    is_active: z.boolean(),
    ...auditFields,
  },
  defaults: { category: 'technical', is_active: true },
});

export const Role = defineEntity({
  name: 'role',
  idField: 'role_id',
  uniqueBy: ['name'],
  shape: {
    role_id: id(),
    name: shortText(100),
    description: longText(2000).optional(),
    department: optionalText(200).optional(),
    required_skills: stringList(),
    is_active: z.boolean(),
    ...auditFields,
  },
  defaults: { required_skills: [], is_active: true },
});

export const AdminSettings = defineEntity({
  name: 'admin_settings',
  idField: 'id',
  // One settings document per user (user_id is unique), by construction.
  uniqueBy: ['user_id'],
  shape: {
    id: id(),
    user_id: ref('users'),
    settings: jsonObject(),
    ...auditFields,
  },
  defaults: { settings: {} },
});

/** Server-only: written by the server's LLM extraction jobs. */
export const ExtractionLog = defineEntity({
  name: 'extraction_log',
  idField: 'id',
  shape: {
    id: id(),
    user_id: ref('users'),
    extraction_type: ExtractionType,
    input_length: count(100_000_000),
    output_data: jsonObject().optional(),
    confidence_score: z.number().min(0).max(1).optional(),
    status: ExtractionStatus,
    error_message: optionalText(5000).optional(),
    provider: LlmProvider,
    ...auditFields,
  },
  refine(doc, ctx) {
    if (doc.status === 'failed' && !doc.error_message)
      ctx.addIssue({ code: 'custom', path: ['error_message'], message: 'is required when status is failed' });
  },
});

/** Server-only: the reference's CeleryTask, the record of an asynchronous server job. */
export const BackgroundTask = defineEntity({
  name: 'background_task',
  idField: 'task_id',
  shape: {
    task_id: id(),
    task_name: shortText(200),
    status: BackgroundTaskStatus,
    result: jsonObject().optional(),
    error: longText(20_000).optional(),
    related_type: optionalText(50).optional(),
    related_id: id().optional(),
    user_id: ref('users').optional(),
    ...auditFields,
  },
  defaults: { status: 'pending' },
});
