import { z } from 'zod';
import { CASE_STATUSES } from '../case-status';
import { KNELPUNT_TYPES } from '../reference';
import { homesCount, municipalityCode, text } from './common';

const knelpuntCodes = new Set(KNELPUNT_TYPES.map((k) => k.code));

export const knelpuntTypeCode = z
  .string()
  .max(64)
  .refine((code) => knelpuntCodes.has(code), { message: 'knelpunt.unknown' });

export const knelpuntTypeList = z
  .array(knelpuntTypeCode)
  .min(1)
  .max(10)
  .refine((codes) => new Set(codes).size === codes.length, { message: 'knelpunt.duplicate' });

export const PROJECT_PHASES = ['initiatief', 'plan', 'vergunning', 'bouw'] as const;
export const CONFIDENTIALITY_LEVELS = ['openbaar', 'intern', 'vertrouwelijk'] as const;
export const LOCATION_PROGRAMMES = ['doorbraaklocatie', 'regionaal_grootschalig', 'geen'] as const;

/** Submitting a blocked project (the walking skeleton's minimal form; extended in the case lifecycle). */
export const createCaseSchema = z
  .strictObject({
    projectName: text(200),
    municipalityCode,
    homesTotal: z.number().int().min(1).max(100_000),
    homesSocialOrAffordable: homesCount.optional(),
    knelpuntTypes: knelpuntTypeList,
    description: z.string().trim().max(10_000).optional(),
    phase: z.enum(PROJECT_PHASES).optional(),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS).optional(),
    locationProgramme: z.enum(LOCATION_PROGRAMMES).optional(),
  })
  .refine((c) => c.homesSocialOrAffordable === undefined || c.homesSocialOrAffordable <= c.homesTotal, {
    message: 'homes.affordableExceedsTotal',
    path: ['homesSocialOrAffordable'],
  });
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

export const caseSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  projectName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  homesTotal: z.number().int(),
  knelpuntTypes: z.array(z.string()),
  status: z.enum(CASE_STATUSES),
  levelCode: z.string(),
  isExample: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
});
export type CaseList = z.infer<typeof caseListSchema>;

/** A comma-separated query parameter (`?status=submitted,accepted`) as a bounded list. */
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(50));

export const CASE_SORTS = ['newest', 'oldest', 'homes', 'updated'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export const caseListQuerySchema = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().min(1).max(200).optional(),
  status: csv(z.enum(CASE_STATUSES)).optional(),
  knelpuntType: csv(knelpuntTypeCode).optional(),
  province: csv(z.string().regex(/^PV\d{2}$/)).optional(),
  municipality: csv(z.string().regex(/^GM\d{4}$/)).optional(),
  region: z.uuid().optional(),
  party: z.uuid().optional(),
  level: csv(
    z.enum(['woondeal_table', 'regional_table', 'national_table', 'ministerial_taskforce']),
  ).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  examples: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z.enum(CASE_SORTS).default('newest'),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
