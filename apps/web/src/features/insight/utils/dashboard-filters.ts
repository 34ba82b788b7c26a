import { ESCALATION_LEVELS, insightDashboardQuerySchema, KNELPUNT_TYPES, PROVINCES } from '@doorbraak/domain';

/**
 * The dashboard's filters live in the URL (`/inzicht?province=PV27,PV28&from=2026-01`), with the
 * api's own parameter names and comma lists, so a view of the figures can be shared as a link.
 * Unknown values are dropped rather than sent (the api would refuse them).
 */
export interface DashboardFilters {
  province?: string[];
  region?: string;
  knelpuntType?: string[];
  level?: string[];
  /** As typed: `YYYY-MM` or `YYYY-MM-DD` (the api reads a month as its first or last day). */
  from?: string;
  to?: string;
}

const KNOWN = {
  province: new Set(PROVINCES.map((p) => p.code)),
  knelpuntType: new Set(KNELPUNT_TYPES.map((k) => k.code)),
  level: new Set(ESCALATION_LEVELS.map((l) => l.code)),
} as const;
export type ListFilter = keyof typeof KNOWN;
export const LIST_FILTERS = Object.keys(KNOWN) as ListFilter[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PeriodError = { field: 'from' | 'to'; reason: 'bound' | 'order' };

/** The period checked by the api's own schema (libs/domain): each bound, then their order. */
export function checkPeriod(from: string | undefined, to: string | undefined): PeriodError | null {
  if (from && !insightDashboardQuerySchema.safeParse({ from }).success)
    return { field: 'from', reason: 'bound' };
  if (to && !insightDashboardQuerySchema.safeParse({ to }).success) return { field: 'to', reason: 'bound' };
  if (from && to && !insightDashboardQuerySchema.safeParse({ from, to }).success) {
    return { field: 'to', reason: 'order' };
  }
  return null;
}

function list(params: URLSearchParams, field: ListFilter): string[] | undefined {
  const raw = params.getAll(field).flatMap((value) => value.split(','));
  const values = [...new Set(raw.map((v) => v.trim()).filter((v) => KNOWN[field].has(v)))];
  return values.length > 0 ? values : undefined;
}

/** Filters from the URL; a period the api would refuse is left out and reported. */
export function filtersFromSearch(params: URLSearchParams): {
  filters: DashboardFilters;
  periodError: PeriodError | null;
} {
  const filters: DashboardFilters = {};
  for (const field of LIST_FILTERS) {
    const values = list(params, field);
    if (values) filters[field] = values;
  }
  const region = params.get('region')?.trim();
  if (region && UUID.test(region)) filters.region = region.toLowerCase();
  const from = params.get('from')?.trim() || undefined;
  const to = params.get('to')?.trim() || undefined;
  const periodError = checkPeriod(from, to);
  if (!periodError) {
    if (from) filters.from = from;
    if (to) filters.to = to;
  }
  return { filters, periodError };
}

/** The filters as query parameters, in a fixed order (equal filters give equal links and cache keys). */
export function dashboardSearchParams(filters: DashboardFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of LIST_FILTERS) {
    const values = filters[field];
    if (values && values.length > 0) params.set(field, values.join(','));
  }
  if (filters.region) params.set('region', filters.region);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params;
}

/** Commas stay readable in a shared link. */
export function searchFromFilters(filters: DashboardFilters): string {
  return dashboardSearchParams(filters).toString().replace(/%2C/g, ',');
}

export function countActiveFilters(filters: DashboardFilters): number {
  return (
    LIST_FILTERS.reduce((n, field) => n + (filters[field]?.length ?? 0), 0) +
    (filters.region ? 1 : 0) +
    (filters.from ? 1 : 0) +
    (filters.to ? 1 : 0)
  );
}

const withQuery = (path: string, params: URLSearchParams) => {
  const query = params.toString().replace(/%2C/g, ',');
  return query ? `${path}?${query}` : path;
};

/**
 * Downloads of the cases behind the figures. The case list (and so its export) filters on
 * province, region, knelpunt type and level, not on a period; the progress report on province
 * and region only.
 */
export function exportHrefs(filters: DashboardFilters) {
  const list = new URLSearchParams();
  for (const field of ['knelpuntType', 'province', 'level'] as const) {
    const values = filters[field];
    if (values && values.length > 0) list.set(field, values.join(','));
  }
  if (filters.region) list.set('region', filters.region);
  const report = new URLSearchParams();
  if (filters.province?.length) report.set('province', filters.province.join(','));
  if (filters.region) report.set('region', filters.region);
  return {
    csv: withQuery('/api/exports/cases.csv', list),
    xlsx: withQuery('/api/exports/cases.xlsx', list),
    report: withQuery('/api/exports/progress-report.pdf', report),
  };
}
