import { z } from 'zod';
import { CASE_STATUSES } from '../case-status';
import { ROLES } from '../roles';
import {
  ACTION_STATUSES,
  ASSIGNMENT_ROLES,
  COMMENT_VISIBILITIES,
  ESCALATION_OUTCOMES,
  SOLUTION_TYPES,
} from './lifecycle';

/** Response shapes of the case lifecycle API (the contract the web parses). */

export const assignmentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  role: z.enum(ASSIGNMENT_ROLES),
  requestedAction: z.string(),
  contacts: z.array(z.object({ name: z.string().optional(), email: z.string() })),
  dueDate: z.string().nullable(),
  actionStatus: z.enum(ACTION_STATUSES),
  progressNote: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const escalationSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  fromLevel: z.string(),
  toLevel: z.string(),
  question: z.string(),
  ownerOrganisationId: z.uuid().nullable(),
  ownerOrganisationName: z.string().nullable(),
  dueDate: z.string().nullable(),
  outcome: z.enum(ESCALATION_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const breakthroughRecordSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  date: z.string(),
  homesUnblocked: z.number().int(),
  solutionType: z.enum(SOLUTION_TYPES),
  narrative: z.string(),
  partiesCredited: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Working days from submission to the breakthrough date (Europe/Amsterdam, Mon–Fri). */
  daysToBreakthrough: z.number().int().nullable(),
  createdAt: z.string(),
});
export type BreakthroughRecord = z.infer<typeof breakthroughRecordSchema>;

export const commentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  authorLabel: z.string(),
  body: z.string(),
  visibility: z.enum(COMMENT_VISIBILITIES),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;

export const attachmentSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  visibility: z.enum(COMMENT_VISIBILITIES),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const caseEventSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  actorLabel: z.string(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseEventsSchema = z.object({ items: z.array(caseEventSchema) });

export const chainVerificationSchema = z.object({
  intact: z.boolean(),
  events: z.number().int(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});

export const transitionOptionSchema = z.object({
  to: z.enum(CASE_STATUSES),
  reasonRequired: z.boolean(),
  via: z.enum(['transition', 'escalation', 'escalation-outcome', 'breakthrough']),
});

export const organisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.string(),
  municipalityCode: z.string().nullable(),
  provinceCodes: z.array(z.string()),
  note: z.string().nullable(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  shortName: z.string().trim().max(50).nullable().optional(),
  type: z.string().regex(/^[a-z_]{2,64}$/),
  municipalityCode: z
    .string()
    .regex(/^GM\d{4}$/)
    .nullable()
    .optional(),
  provinceCodes: z
    .array(z.string().regex(/^PV\d{2}$/))
    .max(12)
    .optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const regionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  membersToConfirm: z.boolean(),
  municipalityCodes: z.array(z.string()),
});
export type Region = z.infer<typeof regionSchema>;

export const regionInputSchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  membersToConfirm: z.boolean().optional(),
  municipalityCodes: z.array(z.string().regex(/^GM\d{4}$/)).max(400),
});
export type RegionInput = z.infer<typeof regionInputSchema>;

export const userRoleSchema = z.enum(ROLES);

export const deadlineSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['triage', 'assignment', 'level_decision']),
  assignmentId: z.uuid().nullable(),
  escalationId: z.uuid().nullable(),
  state: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
  startedAt: z.string(),
  budgetWorkingDays: z.number().int(),
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  /** Working days from today to the due date; negative when overdue; null while paused or closed. */
  workingDaysLeft: z.number().int().nullable(),
  pause: z
    .object({ reason: z.string(), expectedResume: z.string().nullable(), since: z.string() })
    .nullable(),
  extensionWorkingDays: z.number().int(),
  version: z.number().int(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const pauseDeadlineSchema = z.strictObject({
  reason: z.string().trim().min(3).max(2000),
  expectedResume: z.iso.date().optional(),
  maxWorkingDays: z.number().int().min(1).max(250),
});
export type PauseDeadlineInput = z.infer<typeof pauseDeadlineSchema>;

export const extendDeadlineSchema = z.strictObject({
  workingDays: z.number().int().min(1).max(120),
  reason: z.string().trim().min(3).max(2000),
});
export type ExtendDeadlineInput = z.infer<typeof extendDeadlineSchema>;

export const workItemSchema = z.object({
  caseId: z.uuid(),
  reference: z.string(),
  projectName: z.string(),
  kind: z.enum(['triage', 'assignment', 'level_decision']),
  /** What is asked: the requested action, the escalation question, or "triage". */
  title: z.string(),
  organisationName: z.string().nullable(),
  dueDate: z.string().nullable(),
  state: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
  workingDaysLeft: z.number().int().nullable(),
});
export type WorkItem = z.infer<typeof workItemSchema>;

export const myWorkSchema = z.object({
  overdue: z.array(workItemSchema),
  dueSoon: z.array(workItemSchema),
  open: z.array(workItemSchema),
  counts: z.object({ overdue: z.number().int(), dueSoon: z.number().int(), open: z.number().int() }),
});
export type MyWork = z.infer<typeof myWorkSchema>;

export const profileUpdateSchema = z
  .strictObject({
    language: z.enum(['nl', 'en']),
    notificationMode: z.enum(['immediate', 'digest']),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export const profileSchema = z.object({
  language: z.enum(['nl', 'en']),
  notificationMode: z.enum(['immediate', 'digest']),
});
export type Profile = z.infer<typeof profileSchema>;
