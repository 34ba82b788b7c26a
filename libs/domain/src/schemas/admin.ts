import { z } from 'zod';
import { DEADLINE_KINDS, type DeadlineKind } from '../deadlines';

/*
 * Admin master data beyond organisations, regions and users: the knelpunt types (the codes are
 * fixed by the reference data; admins edit their wording and whether new cases may use them),
 * the deadline policies (budget and caps per deadline kind, knelpunt type and level) and the
 * public holidays of the working-day calendar.
 */

/** A knelpunt type as admins see it, with how many cases use it. */
export const adminKnelpuntTypeSchema = z.object({
  code: z.string(),
  labelNl: z.string(),
  labelEn: z.string(),
  namedInLetter: z.boolean(),
  /** The description (toelichting) shown to admins and coordinators. */
  note: z.string().nullable(),
  /** false: no longer offered for new cases; cases that have it keep it. */
  active: z.boolean(),
  casesCount: z.number().int(),
});
export type AdminKnelpuntType = z.infer<typeof adminKnelpuntTypeSchema>;

const label = z
  .string()
  .trim()
  .min(2, { message: 'admin.label.tooShort' })
  .max(200, { message: 'admin.label.tooLong' });

/** PATCH /api/admin/knelpunt-types/{code}: any subset, at least one field. */
export const knelpuntTypePatchSchema = z
  .strictObject({
    labelNl: label,
    labelEn: label,
    note: z.string().trim().max(2000, { message: 'admin.note.tooLong' }).nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type KnelpuntTypePatch = z.infer<typeof knelpuntTypePatchSchema>;

/** The bounds of a policy, in working days (the deadline commands use the same maxima). */
export const DEADLINE_POLICY_LIMITS = {
  budget: { min: 1, max: 250 },
  extension: { min: 0, max: 120 },
  pause: { min: 1, max: 250 },
} as const;

const days = (limits: { min: number; max: number }, message: string) =>
  z.number({ message }).int({ message }).min(limits.min, { message }).max(limits.max, { message });

const budgetDays = days(DEADLINE_POLICY_LIMITS.budget, 'policy.budget.range');
const extensionDays = days(DEADLINE_POLICY_LIMITS.extension, 'policy.extension.range');
const pauseDays = days(DEADLINE_POLICY_LIMITS.pause, 'policy.pause.range');

/**
 * Which dimensions a policy of each kind may have, as the deadline service applies them:
 * triage has one budget; an assignment's budget may depend on the case's knelpunt types; a
 * level's decision budget depends on the level (required).
 */
export const DEADLINE_POLICY_DIMENSIONS: Record<
  DeadlineKind,
  { knelpunt: boolean; level: 'required' | 'none' }
> = {
  triage: { knelpunt: false, level: 'none' },
  assignment: { knelpunt: true, level: 'none' },
  level_decision: { knelpunt: false, level: 'required' },
};

export const deadlinePolicySchema = z.object({
  id: z.uuid(),
  kind: z.enum(DEADLINE_KINDS),
  knelpuntCode: z.string().nullable(),
  levelCode: z.string().nullable(),
  budgetWorkingDays: z.number().int(),
  maxPauseWorkingDays: z.number().int(),
  maxExtensionWorkingDays: z.number().int(),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

const code = z
  .string()
  .regex(/^[a-z_]{2,64}$/)
  .nullable()
  .optional();

/** POST /api/admin/deadline-policies: a policy for one kind × knelpunt type × level. */
export const deadlinePolicyInputSchema = z
  .strictObject({
    kind: z.enum(DEADLINE_KINDS),
    knelpuntCode: code,
    levelCode: code,
    budgetWorkingDays: budgetDays,
    maxExtensionWorkingDays: extensionDays,
    maxPauseWorkingDays: pauseDays.optional(),
  })
  .superRefine((input, ctx) => {
    const allowed = DEADLINE_POLICY_DIMENSIONS[input.kind];
    if (input.knelpuntCode && !allowed.knelpunt) {
      ctx.addIssue({ code: 'custom', path: ['knelpuntCode'], message: 'policy.knelpunt.notAllowed' });
    }
    if (allowed.level === 'required' && !input.levelCode) {
      ctx.addIssue({ code: 'custom', path: ['levelCode'], message: 'policy.level.required' });
    }
    if (allowed.level === 'none' && input.levelCode) {
      ctx.addIssue({ code: 'custom', path: ['levelCode'], message: 'policy.level.notAllowed' });
    }
  });
export type DeadlinePolicyInput = z.infer<typeof deadlinePolicyInputSchema>;

/** PATCH /api/admin/deadline-policies/{id}: the numbers only (the dimensions name the row). */
export const deadlinePolicyPatchSchema = z
  .strictObject({
    budgetWorkingDays: budgetDays,
    maxExtensionWorkingDays: extensionDays,
    maxPauseWorkingDays: pauseDays,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type DeadlinePolicyPatch = z.infer<typeof deadlinePolicyPatchSchema>;

export const HOLIDAY_SOURCES = ['date-holidays', 'admin'] as const;

export const holidaySchema = z.object({
  date: z.iso.date(),
  name: z.string(),
  source: z.enum(HOLIDAY_SOURCES),
  /** false: the day counts as a working day after all. */
  active: z.boolean(),
});
export type Holiday = z.infer<typeof holidaySchema>;

/** PUT /api/admin/holidays/{date}: add a day off, rename one, or make it a working day (active false). */
export const holidayInputSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, { message: 'admin.label.tooShort' })
    .max(200, { message: 'admin.label.tooLong' }),
  active: z.boolean(),
});
export type HolidayInput = z.infer<typeof holidayInputSchema>;

export const holidayDateSchema = z.iso.date({ message: 'holiday.date.invalid' });

export const holidayListQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type HolidayListQuery = z.infer<typeof holidayListQuerySchema>;
