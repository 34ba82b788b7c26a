import { z } from 'zod';
import { CASE_STATUSES } from '../case-status';
import { caseListQuerySchema, knelpuntTypeCode } from './case';
import { text } from './common';
import { escalationSchema } from './resources';

/*
 * Insight: the dashboard, systemic blockers, saved views and exports (issue 7). The definitions of
 * every figure are in docs/metrics.md; keep the two together.
 */

const LEVEL_CODES = ['woondeal_table', 'regional_table', 'national_table', 'ministerial_taskforce'] as const;

/** A comma-separated query parameter as a bounded list (as GET /api/cases has it). */
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

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function lastDayOf(month: string): string {
  const [, y, m] = MONTH.exec(month) as RegExpExecArray;
  const last = new Date(Date.UTC(Number(y), Number(m), 0));
  return last.toISOString().slice(0, 10);
}

/**
 * A bound of the period: a month (`2026-03`) or a day (`2026-03-15`). `from` becomes the first
 * day of its month, `to` the last; both bounds are inclusive.
 */
const periodBound = (edge: 'from' | 'to') =>
  z
    .string()
    .refine((v) => MONTH.test(v) || (DAY.test(v) && z.iso.date().safeParse(v).success), {
      message: 'Geef een maand (JJJJ-MM) of een datum (JJJJ-MM-DD).',
    })
    .transform((v) => (DAY.test(v) ? v : edge === 'from' ? `${v}-01` : lastDayOf(v)));

/** GET /api/insight/dashboard: every filter narrows every figure (see docs/metrics.md). */
export const insightDashboardQuerySchema = z
  .strictObject({
    province: csv(z.string().regex(/^PV\d{2}$/)).optional(),
    region: z.uuid().optional(),
    knelpuntType: csv(knelpuntTypeCode).optional(),
    level: csv(z.enum(LEVEL_CODES)).optional(),
    from: periodBound('from').optional(),
    to: periodBound('to').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'Het begin van de periode ligt na het einde.',
    path: ['to'],
  });
export type InsightDashboardQuery = z.infer<typeof insightDashboardQuerySchema>;

/** One row of a breakdown: open cases and homes at stake, breakthroughs and homes unblocked. */
export const insightBreakdownRowSchema = z.object({
  /** PV code, region id, knelpunt code, level code or `YYYY-MM`; null = "none" (cases outside every region). */
  key: z.string().nullable(),
  /** Dutch label as the database holds it (province name, region name, knelpunt label, level label, month). */
  label: z.string(),
  openCases: z.number().int(),
  homesAtStake: z.number().int(),
  breakthroughs: z.number().int(),
  homesUnblocked: z.number().int(),
});
export type InsightBreakdownRow = z.infer<typeof insightBreakdownRowSchema>;

export const insightDashboardSchema = z.object({
  generatedAt: z.string(),
  /** The period as applied (inclusive local dates), null when open-ended. */
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  totals: z.object({
    openCases: z.number().int(),
    homesAtStake: z.number().int(),
    homesSocialOrAffordableAtStake: z.number().int(),
    breakthroughs: z.number().int(),
    homesUnblocked: z.number().int(),
    overdueActions: z.number().int(),
    /** Working days (Mon–Fri minus holidays) from submission to breakthrough; null without breakthroughs. */
    medianWorkingDaysToBreakthrough: z.number().nullable(),
    /** Systemic knelpunten in scope (bundles; not counted in the other figures). */
    systemicKnelpunten: z.number().int(),
  }),
  homes: z.object({
    byProvince: z.array(insightBreakdownRowSchema),
    /** A case counts in every region its municipality belongs to; key null = in no region. */
    byRegion: z.array(insightBreakdownRowSchema),
    /** A case counts once per knelpunt type it has: these rows can add up to more than the totals. */
    byKnelpuntType: z.array(insightBreakdownRowSchema),
    byLevel: z.array(insightBreakdownRowSchema),
    /** Open cases by month of submission, breakthroughs by month of the breakthrough date. */
    byMonth: z.array(insightBreakdownRowSchema),
  }),
  openCases: z.object({
    byStatus: z.array(
      z.object({ status: z.enum(CASE_STATUSES), count: z.number().int(), homesAtStake: z.number().int() }),
    ),
    byLevel: z.array(
      z.object({
        levelCode: z.string(),
        rank: z.number().int(),
        label: z.string(),
        count: z.number().int(),
        homesAtStake: z.number().int(),
      }),
    ),
  }),
  /** Open actions past their due date on open cases, per assigned organisation, most first. */
  overdueActionsByParty: z.array(
    z.object({
      organisationId: z.uuid(),
      organisationName: z.string(),
      overdueActions: z.number().int(),
      oldestDueDate: z.string(),
    }),
  ),
  timeToBreakthrough: z.object({
    count: z.number().int(),
    medianWorkingDays: z.number().nullable(),
    p25WorkingDays: z.number().nullable(),
    p75WorkingDays: z.number().nullable(),
  }),
  /** Every month of the period (gaps filled with zeros), oldest first. */
  trend: z.array(
    z.object({
      month: z.string(),
      casesSubmitted: z.number().int(),
      breakthroughs: z.number().int(),
      homesUnblocked: z.number().int(),
    }),
  ),
});
export type InsightDashboard = z.infer<typeof insightDashboardSchema>;

/** GET /api/insight/systemic-blockers. */
export const systemicBlockersQuerySchema = z.strictObject({
  province: csv(z.string().regex(/^PV\d{2}$/)).optional(),
  knelpuntType: csv(knelpuntTypeCode).optional(),
  /** Smallest group shown; 2 by default (a knelpunt is systemic when it recurs). */
  minCases: z.coerce.number().int().min(2).max(1000).default(2),
  /** The largest groups first, at most this many (default 50). */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type SystemicBlockersQuery = z.infer<typeof systemicBlockersQuerySchema>;

export const systemicBlockerCaseSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  projectName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  homesTotal: z.number().int(),
  status: z.enum(CASE_STATUSES),
  /** Systemic knelpunten (case ids) this case is already bundled into. */
  bundledInto: z.array(z.uuid()),
});

export const systemicBlockerSchema = z.object({
  knelpuntType: z.string(),
  knelpuntLabel: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  /** The assigned organisation; null for open cases that have no party yet. */
  partyOrganisationId: z.uuid().nullable(),
  partyName: z.string().nullable(),
  openCases: z.number().int(),
  homesAtStake: z.number().int(),
  /** The cases of the group, most homes first (at most 20; openCases is the full count). */
  cases: z.array(systemicBlockerCaseSchema),
});
export type SystemicBlocker = z.infer<typeof systemicBlockerSchema>;

export const systemicBlockersSchema = z.object({ items: z.array(systemicBlockerSchema) });
export type SystemicBlockers = z.infer<typeof systemicBlockersSchema>;

/** POST /api/insight/systemic-knelpunten: bundle recurring cases into one escalation to the national table. */
export const createSystemicKnelpuntSchema = z.strictObject({
  title: text(200),
  knelpuntType: knelpuntTypeCode,
  /** Two or more open cases that share the knelpunt type. */
  caseIds: z
    .array(z.uuid())
    .min(2)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, {
      message: 'Elk dossier mag maar één keer voorkomen.',
    }),
  /** The question the national table is asked. */
  question: text(4000),
});
export type CreateSystemicKnelpuntInput = z.infer<typeof createSystemicKnelpuntSchema>;

export const systemicKnelpuntSchema = z.object({
  /** The systemic knelpunt is a case of its own: this is its id (GET /api/cases/{id}). */
  id: z.uuid(),
  reference: z.string(),
  title: z.string(),
  knelpuntType: z.string(),
  municipalityCode: z.string(),
  provinceCode: z.string(),
  status: z.enum(CASE_STATUSES),
  levelCode: z.string(),
  /** Sum of the homes at stake of the bundled cases when they were bundled. */
  homesAtStake: z.number().int(),
  /** How many cases are bundled (also those outside the caller's scope). */
  bundledCount: z.number().int(),
  /** The bundled cases the caller may see. */
  cases: z.array(
    z.object({ id: z.uuid(), reference: z.string(), projectName: z.string(), municipalityName: z.string() }),
  ),
  /** The escalation to the national table opened for it (the latest one). */
  escalation: escalationSchema.nullable(),
  createdAt: z.string(),
});
export type SystemicKnelpunt = z.infer<typeof systemicKnelpuntSchema>;

export const systemicKnelpuntListQuerySchema = z.strictObject({
  /** Only the systemic knelpunten this case is bundled into. */
  caseId: z.uuid().optional(),
});
export type SystemicKnelpuntListQuery = z.infer<typeof systemicKnelpuntListQuerySchema>;

export const systemicKnelpuntListSchema = z.object({ items: z.array(systemicKnelpuntSchema) });
export type SystemicKnelpuntList = z.infer<typeof systemicKnelpuntListSchema>;

/**
 * The filters of a saved view: the query parameters of GET /api/cases as strings (as in the URL),
 * without cursor and limit. Stored as given; parsed with caseListQuerySchema when the view runs.
 */
export const savedViewFiltersSchema = caseListQuerySchema.omit({ cursor: true, limit: true });
export type SavedViewFilters = z.input<typeof savedViewFiltersSchema>;

export const createSavedViewSchema = z.strictObject({
  name: text(100),
  /** Visible to everyone in the owner's organisation (a shared work queue). */
  shared: z.boolean().default(false),
  filters: savedViewFiltersSchema,
});
export type CreateSavedViewInput = z.infer<typeof createSavedViewSchema>;

export const savedViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shared: z.boolean(),
  /** The caller owns it (and may delete it). */
  own: z.boolean(),
  ownerName: z.string(),
  organisationId: z.uuid(),
  /** As stored: GET /api/cases query parameters (strings). */
  filters: z.record(z.string(), z.string()),
  createdAt: z.string(),
  /** Cases the view finds for the caller right now (only with ?withCounts=true). */
  count: z.number().int().optional(),
});
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewListQuerySchema = z.strictObject({
  withCounts: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});
export type SavedViewListQuery = z.infer<typeof savedViewListQuerySchema>;

export const savedViewListSchema = z.object({ items: z.array(savedViewSchema) });
export type SavedViewList = z.infer<typeof savedViewListSchema>;

/** GET /api/views/{id}/cases: the view's filters, paged like GET /api/cases. */
export const savedViewCasesQuerySchema = caseListQuerySchema.pick({ cursor: true, limit: true });
export type SavedViewCasesQuery = z.infer<typeof savedViewCasesQuerySchema>;

/** GET /api/exports/cases.csv|.xlsx: the filters of GET /api/cases; cursor and limit are ignored. */
export const caseExportQuerySchema = caseListQuerySchema;
export type CaseExportQuery = z.infer<typeof caseExportQuerySchema>;

/** GET /api/exports/progress-report.pdf: the whole scope, one or more provinces, or one region. */
export const progressReportQuerySchema = z.strictObject({
  province: csv(z.string().regex(/^PV\d{2}$/)).optional(),
  region: z.uuid().optional(),
});
export type ProgressReportQuery = z.infer<typeof progressReportQuerySchema>;

/** The Dutch column names of the case export, in order. */
export const CASE_EXPORT_COLUMNS = [
  'Kenmerk',
  'Project',
  'Gemeente',
  'Provincie',
  'Woningen',
  'Sociaal/betaalbaar',
  'Knelpunten',
  'Status',
  'Niveau',
  'Ingediend',
] as const;
