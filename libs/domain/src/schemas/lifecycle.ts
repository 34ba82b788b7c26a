import { z } from 'zod';
import { CASE_STATUSES } from '../case-status';
import { CONFIDENTIALITY_LEVELS, knelpuntTypeList, LOCATION_PROGRAMMES, PROJECT_PHASES } from './case';
import { isoDate, text } from './common';

export const ASSIGNMENT_ROLES = ['lead', 'contributor', 'informed'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'blocked'] as const;
export const ESCALATION_OUTCOMES = ['decided', 'returned', 'withdrawn'] as const;
export const COMMENT_VISIBILITIES = ['internal', 'shared'] as const;
export const SOLUTION_TYPES = [
  'local_grid_solution',
  'permit_accelerated',
  'vergunningsvrij_bouwen',
  'financial_arrangement',
  'zoning_adjusted',
  'capacity_support',
  'agreement_public_private',
  'other',
] as const;

export const SOLUTION_TYPE_LABELS: Record<(typeof SOLUTION_TYPES)[number], { nl: string; en: string }> = {
  local_grid_solution: { nl: 'Lokale netoplossing', en: 'Local grid solution' },
  permit_accelerated: { nl: 'Vergunning versneld', en: 'Permit accelerated' },
  vergunningsvrij_bouwen: { nl: 'Vergunningsvrij bouwen', en: 'Permit-free building' },
  financial_arrangement: { nl: 'Financiële afspraak', en: 'Financial arrangement' },
  zoning_adjusted: { nl: 'Zonering aangepast', en: 'Zoning adjusted' },
  capacity_support: {
    nl: 'Capaciteitsondersteuning (expertteam, vliegende brigade)',
    en: 'Capacity support',
  },
  agreement_public_private: { nl: 'Afspraken publiek en privaat', en: 'Public-private agreement' },
  other: { nl: 'Overig', en: 'Other' },
};

/** A reason: trimmed, 3–2000 characters. */
const reason = z.string().trim().min(3).max(2000);

/** Editing a case (PATCH, with If-Match). Only what is sent changes; at least one field. */
export const patchCaseSchema = z
  .strictObject({
    projectName: text(200),
    homesTotal: z.number().int().min(0).max(100_000),
    homesSocialOrAffordable: z.number().int().min(0).max(100_000).nullable(),
    knelpuntTypes: knelpuntTypeList,
    description: z.string().trim().max(10_000).nullable(),
    phase: z.enum(PROJECT_PHASES).nullable(),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
    locationProgramme: z.enum(LOCATION_PROGRAMMES),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type PatchCaseInput = z.infer<typeof patchCaseSchema>;

export const transitionSchema = z.strictObject({
  to: z.enum(CASE_STATUSES),
  reason: reason.optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

export const contactSchema = z.strictObject({
  name: z.string().trim().max(200).optional(),
  email: z.email({ message: 'email.invalid' }).max(254),
});

export const createAssignmentSchema = z.strictObject({
  organisationId: z.uuid(),
  role: z.enum(ASSIGNMENT_ROLES),
  requestedAction: text(2000),
  contacts: z.array(contactSchema).max(10).default([]),
  dueDate: isoDate.optional(),
});
export type CreateAssignmentInput = z.infer<typeof createAssignmentSchema>;

export const patchAssignmentSchema = z
  .strictObject({
    role: z.enum(ASSIGNMENT_ROLES),
    requestedAction: text(2000),
    contacts: z.array(contactSchema).max(10),
    dueDate: isoDate.nullable(),
    actionStatus: z.enum(ACTION_STATUSES),
    progressNote: z.string().trim().max(4000).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'patch.empty' });
export type PatchAssignmentInput = z.infer<typeof patchAssignmentSchema>;

export const createEscalationSchema = z.strictObject({
  toLevel: z.enum(['regional_table', 'national_table', 'ministerial_taskforce']),
  question: text(4000),
  ownerOrganisationId: z.uuid().optional(),
  dueDate: isoDate.optional(),
});
export type CreateEscalationInput = z.infer<typeof createEscalationSchema>;

export const decideEscalationSchema = z.strictObject({
  outcome: z.enum(ESCALATION_OUTCOMES),
  note: text(4000),
});
export type DecideEscalationInput = z.infer<typeof decideEscalationSchema>;

export const breakthroughSchema = z.strictObject({
  date: isoDate,
  homesUnblocked: z.number().int().min(1).max(100_000),
  solutionType: z.enum(SOLUTION_TYPES),
  narrative: text(10_000),
  partiesCredited: z.array(z.uuid()).max(20).default([]),
});
export type BreakthroughInput = z.infer<typeof breakthroughSchema>;

export const createCommentSchema = z.strictObject({
  body: text(10_000),
  visibility: z.enum(COMMENT_VISIBILITIES),
});
export type CreateCommentInput = z.infer<typeof createCommentSchema>;
