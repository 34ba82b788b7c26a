import {
  CASE_SORTS,
  CASE_STATUSES,
  ESCALATION_LEVELS,
  KNELPUNT_TYPES,
  PROVINCES,
  type CaseSort,
} from '@doorbraak/domain';
import type { CaseListFilters } from '../api/query-keys';

/**
 * The list's filters live in the URL (`/dossiers?status=submitted,accepted&sort=homes`), with the
 * api's own parameter names and comma lists, so a view can be shared as a link. Unknown values
 * are dropped rather than sent (the api would refuse them).
 */
const KNOWN: Record<'status' | 'knelpuntType' | 'province' | 'level', ReadonlySet<string>> = {
  status: new Set(CASE_STATUSES),
  knelpuntType: new Set(KNELPUNT_TYPES.map((k) => k.code)),
  province: new Set(PROVINCES.map((p) => p.code)),
  level: new Set(ESCALATION_LEVELS.map((l) => l.code)),
};
export type ListField = keyof typeof KNOWN;
export const LIST_FIELDS = Object.keys(KNOWN) as ListField[];

export const DEFAULT_SORT: CaseSort = 'newest';

function list(params: URLSearchParams, field: ListField): string[] | undefined {
  const raw = params.getAll(field).flatMap((value) => value.split(','));
  const values = [...new Set(raw.map((v) => v.trim()).filter((v) => KNOWN[field].has(v)))];
  return values.length > 0 ? values : undefined;
}

export function filtersFromSearch(params: URLSearchParams): CaseListFilters {
  const filters: CaseListFilters = {};
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 200);
  for (const field of LIST_FIELDS) {
    const values = list(params, field);
    if (values) filters[field] = values;
  }
  if (params.get('overdue') === 'true') filters.overdue = true;
  const sort = params.get('sort');
  if (sort && sort !== DEFAULT_SORT && (CASE_SORTS as readonly string[]).includes(sort)) {
    filters.sort = sort as CaseSort;
  }
  return filters;
}

/** The URL form of the filters, in a fixed order so equal views give equal links. */
export function searchFromFilters(filters: CaseListFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const field of LIST_FIELDS) {
    const values = filters[field];
    if (values && values.length > 0) params.set(field, values.join(','));
  }
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.sort && filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  // Commas stay readable in a shared link.
  return params.toString().replace(/%2C/g, ',');
}

/** How many filters (not the search, not the sort) narrow the list. */
export function countActiveFilters(filters: CaseListFilters): number {
  return LIST_FIELDS.reduce((n, field) => n + (filters[field]?.length ?? 0), filters.overdue ? 1 : 0);
}

export interface SavedView {
  id: 'overdue' | 'national' | 'grid';
  filters: CaseListFilters;
}

/** Views the tables use every day, offered as plain links. */
export const SAVED_VIEWS: readonly SavedView[] = [
  { id: 'overdue', filters: { overdue: true } },
  { id: 'national', filters: { level: ['national_table', 'ministerial_taskforce'] } },
  { id: 'grid', filters: { knelpuntType: ['grid_congestion'] } },
];
