import { SOLUTION_TYPES } from '@doorbraak/domain';
import { z } from 'zod';

/**
 * GET /api/breakthroughs: the portfolio of current breakthroughs the actor may see.
 * Pure zod on @doorbraak/domain only, so it can move to libs/domain as it is.
 */

export const breakthroughListQuerySchema = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BreakthroughListQuery = z.infer<typeof breakthroughListQuerySchema>;

export const breakthroughListItemSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  projectName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  homesUnblocked: z.number().int(),
  solutionType: z.enum(SOLUTION_TYPES),
  /** `YYYY-MM-DD`. */
  date: z.string(),
});
export type BreakthroughListItem = z.infer<typeof breakthroughListItemSchema>;

export const breakthroughListSchema = z.object({
  /** Newest breakthrough date first; on the same date the most homes first. */
  items: z.array(breakthroughListItemSchema),
  nextCursor: z.string().nullable(),
  /** Over every current breakthrough in scope, not just this page. */
  count: z.number().int(),
  totalHomesUnblocked: z.number().int(),
});
export type BreakthroughList = z.infer<typeof breakthroughListSchema>;
