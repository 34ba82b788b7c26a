import { z } from 'zod';
import { caseSummarySchema, CONFIDENTIALITY_LEVELS, LOCATION_PROGRAMMES, PROJECT_PHASES } from './case';
import {
  assignmentSchema,
  breakthroughRecordSchema,
  deadlineSchema,
  escalationSchema,
  transitionOptionSchema,
} from './resources';

/** One case as GET /api/cases/{id} answers it: the project, its parties, ladder and what the actor may do. */
export const caseDetailSchema = caseSummarySchema.extend({
  homesSocialOrAffordable: z.number().int().nullable(),
  /** Null when empty, or when the case is confidential and hidden from you (see confidentialPartsHidden). */
  description: z.string().nullable(),
  /** True when the case is `vertrouwelijk` and you are a party that is not its lead: description and internal items are hidden. */
  confidentialPartsHidden: z.boolean().optional(),
  phase: z.enum(PROJECT_PHASES).nullable(),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
  locationProgramme: z.enum(LOCATION_PROGRAMMES),
  levelRank: z.number().int(),
  submitterOrganisationId: z.uuid(),
  submitterOrganisationName: z.string(),
  version: z.number().int(),
  assignments: z.array(assignmentSchema),
  escalations: z.array(escalationSchema),
  breakthrough: breakthroughRecordSchema.nullable(),
  /** Every clock of the case: triage, each party's assignment, each level's decision. */
  deadlines: z.array(deadlineSchema),
  availableTransitions: z.array(transitionOptionSchema),
  permissions: z.object({
    edit: z.boolean(),
    manageAssignments: z.boolean(),
    escalate: z.boolean(),
    comment: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
