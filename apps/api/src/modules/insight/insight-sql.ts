import { type Actor, addDays, caseScopeFor, instantOf, OPEN_STATUSES } from '@doorbraak/domain';
import { caseScopeSql } from '../identity/case-scope.sql';

/*
 * The SQL pieces every insight figure shares, so the dashboard, the systemic blockers and the
 * progress report count the same population (definitions: docs/metrics.md).
 */

export const OPEN_STATUS_LIST: readonly string[] = OPEN_STATUSES;

/** A case's submission date, local to Amsterdam. */
export const CREATED_LOCAL_DATE = `(c.created_at AT TIME ZONE 'Europe/Amsterdam')::date`;

/**
 * Working days in (`from`, `to`]: Monday–Friday minus the active holidays of calendar_holidays —
 * the definition of libs/domain `workingDaysBetween`, in closed form so it costs no loop per row.
 * W(d) = weekdays from Monday 1900-01-01 up to and including d; H(d) = weekday holidays up to and
 * including d (`width_bucket` is a binary search in the sorted holiday array, computed once per
 * statement). Working days in (a, b] = W(b) − W(a) − (H(b) − H(a)).
 */
export function workingDaysSql(from: string, to: string): string {
  const weekdaysUpTo = (d: string) =>
    `(5 * ((${d} - DATE '1900-01-01') / 7) + least((${d} - DATE '1900-01-01') % 7 + 1, 5))`;
  const holidays = `(SELECT coalesce(array_agg(h.date ORDER BY h.date), '{}'::date[]) FROM calendar_holidays h
                      WHERE h.active AND extract(isodow FROM h.date) < 6)`;
  return `(${weekdaysUpTo(to)} - ${weekdaysUpTo(from)} - (width_bucket(${to}, ${holidays}) - width_bucket(${from}, ${holidays})))`;
}

export interface InsightFilters {
  province?: string[];
  region?: string;
  knelpuntType?: string[];
  level?: string[];
}

/**
 * The cases (alias `c`) an insight figure may count: the actor's scope (caseScopeSql, the one
 * scoping rule), the filters, and — unless asked otherwise — no systemic knelpunten, whose homes
 * are those of the cases they bundle.
 */
export function insightCaseWhere(
  actor: Actor,
  filters: InsightFilters,
  params: unknown[],
  options: { systemic?: 'exclude' | 'only' } = {},
): string {
  const where = [caseScopeSql(actor, 'c', params)];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  // A party sees a few thousand cases at most: implied by its scope, this lets the planner start
  // from the organisation's assignments (an index) instead of reading every case.
  const scope = caseScopeFor(actor);
  if (scope.kind === 'assigned-to-organisation') {
    add(
      (n) =>
        `c.id = ANY(ARRAY(SELECT pa.case_id FROM case_assignments pa WHERE pa.organisation_id = ${n} AND pa.removed_at IS NULL))`,
      scope.organisationId,
    );
  }
  // IN / NOT IN over a small table: one hashed subplan, not a probe per case.
  const systemic = `c.id IN (SELECT sk.case_id FROM systemic_knelpunten sk)`;
  where.push((options.systemic ?? 'exclude') === 'exclude' ? `NOT ${systemic}` : systemic);
  if (filters.province) add((n) => `c.province_code = ANY(${n}::varchar[])`, filters.province);
  if (filters.region) {
    add(
      (n) =>
        `c.municipality_code IN (SELECT rm.municipality_code FROM region_municipalities rm WHERE rm.region_id = ${n})`,
      filters.region,
    );
  }
  if (filters.knelpuntType) {
    // The cases with one of the types, as a list (computed once): an index scan of those cases.
    add(
      (n) =>
        `c.id = ANY(ARRAY(SELECT fk.case_id FROM case_knelpunten fk WHERE fk.knelpunt_code = ANY(${n}::varchar[])))`,
      filters.knelpuntType,
    );
  }
  if (filters.level) add((n) => `c.level_code = ANY(${n}::varchar[])`, filters.level);
  return where.join(' AND ');
}

/**
 * How a dashboard query is read (docs/metrics.md, "How the dashboard is computed"). `cells`: the
 * pre-summed cells, for the scopes and filters that are their columns (all, provinces, level at
 * least; province, region, level); the days of a period that cut a month come from the per-case
 * facts. `facts`: the per-case facts (one narrow row per case, indexed by knelpunt set and
 * submission date), for a knelpunt filter. `direct`: the cases themselves, for a municipality's or
 * a party's scope — a few hundred or thousand cases, read through their indexes.
 */
export function dashboardPath(
  actor: Actor,
  query: InsightFilters & { from?: string; to?: string },
): 'cells' | 'facts' | 'direct' {
  const scope = caseScopeFor(actor).kind;
  if (scope === 'municipality' || scope === 'assigned-to-organisation') return 'direct';
  return query.knelpuntType ? 'facts' : 'cells';
}

/**
 * insightCaseWhere for a rollup table (alias `alias`, columns province_code, region_municipality,
 * level_code, systemic; knelpunten for the facts and breakthrough cells): the same scope
 * (caseScopeSql, whose columns the cells share) and filters. `region_municipality` is the case's
 * municipality when that is in some region, else ''.
 */
export function insightRollupWhere(
  actor: Actor,
  filters: InsightFilters,
  params: unknown[],
  alias: string,
  options: { systemic?: 'exclude' | 'only' } = {},
): string {
  const where = [caseScopeSql(actor, alias, params)];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  where.push((options.systemic ?? 'exclude') === 'exclude' ? `NOT ${alias}.systemic` : `${alias}.systemic`);
  if (filters.province) add((n) => `${alias}.province_code = ANY(${n}::varchar[])`, filters.province);
  if (filters.region) {
    add(
      (n) =>
        `${alias}.region_municipality IN (SELECT rm.municipality_code FROM region_municipalities rm WHERE rm.region_id = ${n})`,
      filters.region,
    );
  }
  if (filters.knelpuntType) add((n) => `${alias}.knelpunten && ${n}::varchar[]`, filters.knelpuntType);
  if (filters.level) add((n) => `${alias}.level_code = ANY(${n}::varchar[])`, filters.level);
  return where.join(' AND ');
}

/** A date column within the period (inclusive local dates): a breakthrough date, or a rollup row's month start. */
export function dateInPeriod(
  period: { from?: string; to?: string },
  params: unknown[],
  column: string,
): string {
  const parts: string[] = [];
  if (period.from) {
    params.push(period.from);
    parts.push(`${column} >= $${params.length}::date`);
  }
  if (period.to) {
    params.push(period.to);
    parts.push(`${column} <= $${params.length}::date`);
  }
  return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
}

/** `c.created_at` within the period's local dates (inclusive), as instants so the index applies. */
export function submittedInPeriod(period: { from?: string; to?: string }, params: unknown[]): string {
  const parts: string[] = [];
  if (period.from) {
    params.push(instantOf(period.from));
    parts.push(`c.created_at >= $${params.length}`);
  }
  if (period.to) {
    params.push(instantOf(addDays(period.to, 1)));
    parts.push(`c.created_at < $${params.length}`);
  }
  return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
}

/** `b.date` (the breakthrough date) within the period. */
export function breakthroughInPeriod(period: { from?: string; to?: string }, params: unknown[]): string {
  return dateInPeriod(period, params, 'b.date');
}

/** Open statuses as a parameter. */
export function openStatuses(params: unknown[]): string {
  params.push(OPEN_STATUS_LIST);
  return `$${params.length}::varchar[]`;
}

/** bigint/numeric from either driver → number. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
