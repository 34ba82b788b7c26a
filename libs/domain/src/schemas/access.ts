import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../access';
import { ROLES } from '../roles';
import { ACTION_STATUSES, ASSIGNMENT_ROLES } from './lifecycle';

/** A new password: length here; the api also refuses common and breached passwords (`password.common`). */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'password.tooShort' })
  .max(PASSWORD_MAX_LENGTH, { message: 'password.tooLong' });

/** POST /api/auth/password: change one's own password. */
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1, { message: 'password.required' }).max(1024),
  newPassword: newPasswordSchema,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

/** GET /api/auth/methods: how one can log in here. */
export const authMethodsSchema = z.object({
  password: z.boolean(),
  oidc: z.boolean(),
  /** Where the browser goes to log in with the organisation's identity provider. */
  oidcLoginUrl: z.string().nullable(),
});
export type AuthMethods = z.infer<typeof authMethodsSchema>;

/** A user as admins see it. */
export const adminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  organisationName: z.string(),
  active: z.boolean(),
  language: z.enum(['nl', 'en']),
  /** Whether the user can log in with a password (false: only through the identity provider). */
  hasPassword: z.boolean(),
  /** Whether the user is linked to an identity provider account. */
  hasOidc: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserCreateSchema = z.strictObject({
  email: z.email({ message: 'email.invalid' }).max(254),
  name: z.string().trim().min(1, { message: 'text.blank' }).max(200),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  /** Optional: users of an organisation with an identity provider log in there. */
  password: newPasswordSchema.optional(),
  language: z.enum(['nl', 'en']).optional(),
});
export type AdminUserCreateInput = z.infer<typeof adminUserCreateSchema>;

export const adminUserPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1, { message: 'text.blank' }).max(200),
    role: z.enum(ROLES),
    organisationId: z.uuid(),
    active: z.boolean(),
    password: newPasswordSchema,
    language: z.enum(['nl', 'en']),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type AdminUserPatchInput = z.infer<typeof adminUserPatchSchema>;

export const adminUserListQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional(),
  organisationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type AdminUserListQuery = z.infer<typeof adminUserListQuerySchema>;

/** One security event or admin action in the insert-only audit log. */
export const auditLogEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  /** e.g. `login.succeeded`, `login.failed`, `login.locked`, `user.role_changed`, `link.used`, `oidc.failed`, `admin.organisation.updated`. */
  type: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLabel: z.string().nullable(),
  ip: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditLogQuerySchema = z.strictObject({
  /** Exact type, or a prefix ending in `.` (`login.`). */
  type: z
    .string()
    .regex(/^[a-z_.]{1,64}$/)
    .optional(),
  actorUserId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditLogPageSchema = z.object({
  items: z.array(auditLogEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

/** GET /api/links/{token}: what a contact without an account sees. */
export const actionLinkViewSchema = z.object({
  link: z.object({
    contactEmail: z.string(),
    expiresAt: z.string(),
    /** When the contact answered through this link (it is single-use); null while unanswered. */
    usedAt: z.string().nullable(),
  }),
  case: z.object({
    reference: z.string(),
    projectName: z.string(),
    municipalityName: z.string(),
    provinceName: z.string(),
    homesTotal: z.number().int(),
    status: z.string(),
    /** Null when the case is confidential and the contact's organisation is not the lead party. */
    description: z.string().nullable(),
  }),
  assignment: z.object({
    organisationName: z.string(),
    role: z.enum(ASSIGNMENT_ROLES),
    requestedAction: z.string(),
    dueDate: z.string().nullable(),
    actionStatus: z.enum(ACTION_STATUSES),
    progressNote: z.string().nullable(),
    /** The clock of this action; null when it has none. */
    deadline: z
      .object({
        state: z.string(),
        dueDate: z.string().nullable(),
        workingDaysLeft: z.number().int().nullable(),
        extensionWorkingDays: z.number().int(),
      })
      .nullable(),
  }),
  /** Whether the link may still answer (false once the case is closed or the link was used). */
  canAct: z.boolean(),
});
export type ActionLinkView = z.infer<typeof actionLinkViewSchema>;

/** The extension a contact asks for (the coordinator decides). */
export const linkExtensionRequestSchema = z.strictObject({
  workingDays: z
    .number({ message: 'linkResponse.workingDays' })
    .int({ message: 'linkResponse.workingDays' })
    .min(1, { message: 'linkResponse.workingDays' })
    .max(120, { message: 'linkResponse.workingDays' }),
  reason: z
    .string()
    .trim()
    .min(3, { message: 'linkResponse.reason' })
    .max(2000, { message: 'linkResponse.reasonTooLong' }),
});
export type LinkExtensionRequestInput = z.infer<typeof linkExtensionRequestSchema>;

/**
 * POST /api/links/{token}/response: the contact's one answer through a signed link (the link is
 * single-use: the first accepted answer consumes it). Any of: the action status (with a progress
 * note), a progress note alone, an extension request, a note to the table — at least one.
 */
export const linkResponseSchema = z
  .strictObject({
    actionStatus: z.enum(ACTION_STATUSES).optional(),
    progressNote: z.string().trim().max(4000, { message: 'linkResponse.progressNoteTooLong' }).optional(),
    extension: linkExtensionRequestSchema.optional(),
    note: z
      .string()
      .trim()
      .min(1, { message: 'text.blank' })
      .max(10_000, { message: 'linkResponse.noteTooLong' })
      .optional(),
  })
  .refine(
    (r) =>
      r.actionStatus !== undefined ||
      r.progressNote !== undefined ||
      r.extension !== undefined ||
      r.note !== undefined,
    { message: 'linkResponse.empty' },
  );
export type LinkResponseInput = z.infer<typeof linkResponseSchema>;

export const linkRevocationSchema = z.object({ revoked: z.number().int() });
