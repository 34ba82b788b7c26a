import { type Actor, addDays, type InsightDashboardQuery } from '@doorbraak/domain';
import type { DataSource } from 'typeorm';
import type {
  BreakthroughAggregate,
  CaseCell,
  DashboardInputs,
  KnelpuntRow,
  MonthCell,
  OverdueRow,
} from './dashboard-inputs';
import {
  breakthroughInPeriod,
  dateInPeriod,
  insightRollupWhere,
  num,
  openStatuses,
  workingDaysSql,
} from './insight-sql';

/**
 * PostgreSQL's `percentile_cont(p) WITHIN GROUP (ORDER BY v)` over a distribution given as sorted
 * (value, count) pairs, with its arithmetic (orderedsetaggs.c: rows floor/ceil of p·(N−1), then
 * lo + (p·(N−1) − floor)·(hi − lo) in double precision), so the figure is the one SQL computes.
 */
export function percentileCont(
  distribution: readonly { value: number; count: number }[],
  p: number,
): number | null {
  const total = distribution.reduce((sum, d) => sum + d.count, 0);
  if (total === 0) return null;
  const position = p * (total - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  const at = (row: number) => {
    let seen = 0;
    for (const d of distribution) {
      seen += d.count;
      if (row < seen) return d.value;
    }
    return distribution[distribution.length - 1]?.value ?? 0;
  };
  const lo = at(first);
  const hi = at(second);
  return lo + (position - first) * (hi - lo);
}

/** Working days from submission to breakthrough of a breakthrough cell. */
const WD = workingDaysSql('b.created_on', 'b.date');

/** Where a figure is read from: the pre-summed cells, or the per-case facts (dashboardPath). */
type Source = 'cells' | 'facts';

/**
 * A period split for the cells: the whole months inside it (read from cells, which are per
 * submission month) and the days at either end that cut a month (read from the per-case facts).
 * `months: null`: no whole month inside; `{}`: no period at all.
 */
export function splitPeriod(
  from?: string,
  to?: string,
): {
  months: { from?: string; to?: string } | null;
  edges: { from: string; to: string }[];
} {
  const firstOfNext = (d: string) => addDays(`${d.slice(0, 8)}01`, 32).slice(0, 8) + '01';
  const monthsFrom = from && !from.endsWith('-01') ? firstOfNext(from) : from;
  const monthsTo = to && !addDays(to, 1).endsWith('-01') ? addDays(`${to.slice(0, 8)}01`, -1) : to;
  if (from && to && monthsFrom && monthsTo && monthsFrom > monthsTo)
    return { months: null, edges: [{ from, to }] };
  const edges: { from: string; to: string }[] = [];
  if (from && monthsFrom && monthsFrom !== from) edges.push({ from, to: addDays(monthsFrom, -1) });
  if (to && monthsTo && monthsTo !== to) edges.push({ from: addDays(monthsTo, 1), to });
  return { months: { from: monthsFrom, to: monthsTo }, edges };
}

/**
 * The rows a case figure is summed from, as `(SELECT …) r`: with `source` facts, the per-case
 * facts of the period; with cells, the cells of the whole months and the facts of the days that
 * cut a month (UNION ALL: the two never hold the same case). `cells` and `facts` give the
 * columns (each with `n`); `month` names the cells' month column, or null for month-less cells.
 */
function rowsOf(
  source: Source,
  period: { from?: string; to?: string },
  params: unknown[],
  parts: { cells: string; facts: string; month: string | null },
): string {
  if (source === 'facts') return `(${parts.facts} WHERE ${dateInPeriod(period, params, 'f.created_on')}) r`;
  if (!period.from && !period.to) return `(${parts.cells}) r`;
  const { months, edges } = splitPeriod(period.from, period.to);
  const branches: string[] = [];
  if (months)
    branches.push(`${parts.cells} WHERE ${dateInPeriod(months, params, parts.month ?? 'NULL::date')}`);
  if (edges.length > 0) {
    const days = edges.map((e) => dateInPeriod(e, params, 'f.created_on'));
    branches.push(`${parts.facts} WHERE ${days.map((d) => `(${d})`).join(' OR ')}`);
  }
  return `(${branches.join(' UNION ALL ')}) r`;
}

/**
 * The dashboard's inputs from the insight rollup (the InsightRollup migrations; docs/metrics.md,
 * "How the dashboard is computed") instead of the cases: the same rows as DashboardService's
 * direct statements, with `municipality` holding the case's municipality only when it is in a
 * woondeal region ('' otherwise: all a municipality is used for is its regions). Case figures
 * come from the cells or from the per-case facts (`source`, chosen by dashboardPath);
 * breakthroughs always from the breakthrough cells, which hold the exact dates and knelpunt sets.
 */
export class DashboardRollup {
  constructor(private readonly db: DataSource) {}

  /** Case cells and month cells in one pass (GROUPING SETS) over the case cells or the facts. */
  async cases(
    actor: Actor,
    query: InsightDashboardQuery,
    source: Source,
  ): Promise<Pick<DashboardInputs, 'cells' | 'monthCells'>> {
    const params: unknown[] = [];
    const columns = 'month, province_code, region_municipality, level_code, status, systemic';
    const rows = rowsOf(source, query, params, {
      cells: `SELECT ${columns}, NULL::varchar[] AS knelpunten, n, homes, social FROM insight_case_cells c`,
      facts: `SELECT ${columns}, knelpunten, 1 AS n, homes, social FROM insight_case_facts f`,
      month: 'c.month',
    });
    const where = insightRollupWhere(actor, query, params, 'r');
    const found: (CaseCell & { dim: 'cell' | 'month'; month: string | null })[] = await this.db.query(
      `SELECT CASE WHEN GROUPING(r.month) = 0 THEN 'month' ELSE 'cell' END AS dim,
              r.region_municipality AS municipality, r.province_code AS province, r.level_code AS level, r.status,
              to_char(r.month, 'YYYY-MM') AS month,
              sum(r.n) AS n, sum(r.homes) AS homes, sum(r.social) AS social
         FROM ${rows} WHERE ${where}
        GROUP BY GROUPING SETS ((r.region_municipality, r.province_code, r.level_code, r.status), (r.month, r.status))
       HAVING sum(r.n) > 0`,
      params,
    );
    const cells: CaseCell[] = [];
    const monthCells: MonthCell[] = [];
    for (const { dim, month, ...cell } of found) {
      if (dim === 'month')
        monthCells.push({ month: month as string, status: cell.status, n: cell.n, homes: cell.homes });
      else cells.push(cell);
    }
    return { cells, monthCells };
  }

  /**
   * Breakthroughs per municipality, level, month and knelpunt type, and the distribution of
   * working days to breakthrough, from the breakthrough cells; the percentiles of the total are
   * computed from that distribution exactly as `percentile_cont` does.
   */
  async breakthroughs(actor: Actor, query: InsightDashboardQuery): Promise<BreakthroughAggregate[]> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'b');
    const inPeriod = breakthroughInPeriod(query, params);
    // One pass (OFFSET 0 keeps `wd` a column: PostgreSQL 15 does not match a grouped expression with sub-selects
    // in the select list); dates and knelpunt sets (a few hundred, a few dozen) become months and types here.
    const found: {
      dim: 'municipality' | 'level' | 'date' | 'knelpunten' | 'wd' | 'total';
      key: string | null;
      knelpunten: string[] | null;
      province: string | null;
      n: unknown;
      homes: unknown;
    }[] = await this.db.query(
      `SELECT CASE WHEN GROUPING(b.region_municipality) = 0 THEN 'municipality' WHEN GROUPING(b.level_code) = 0 THEN 'level'
                   WHEN GROUPING(b.date) = 0 THEN 'date' WHEN GROUPING(b.knelpunten) = 0 THEN 'knelpunten'
                   WHEN GROUPING(b.wd) = 0 THEN 'wd' ELSE 'total' END AS dim,
              coalesce(b.region_municipality, b.level_code, b.date::text, b.wd::text) AS key, b.knelpunten,
              b.province_code AS province, coalesce(sum(b.n), 0) AS n, coalesce(sum(b.homes), 0) AS homes
         FROM (SELECT b.*, ${WD} AS wd FROM insight_breakthrough_cells b
                WHERE b.n > 0 AND ${where} AND ${inPeriod} OFFSET 0) b
        GROUP BY GROUPING SETS ((b.region_municipality, b.province_code), (b.level_code), (b.date), (b.knelpunten), (b.wd), ())`,
      params,
    );
    const distribution = found
      .filter((r) => r.dim === 'wd')
      .map((r) => ({ value: Number(r.key), count: num(r.n) }))
      .sort((x, y) => x.value - y.value);
    const rows: BreakthroughAggregate[] = [];
    const summed = new Map<string, BreakthroughAggregate>();
    const add = (dim: BreakthroughAggregate['dim'], key: string, n: number, homes: number) => {
      const same = summed.get(`${dim}:${key}`);
      if (same) {
        same.n = num(same.n) + n;
        same.homes = num(same.homes) + homes;
        return;
      }
      const row = { dim, key, province: null, n, homes, median: null, p25: null, p75: null };
      summed.set(`${dim}:${key}`, row);
      rows.push(row);
    };
    for (const r of found) {
      const n = num(r.n);
      const homes = num(r.homes);
      if (r.dim === 'municipality')
        rows.push({
          dim: r.dim,
          key: r.key,
          province: r.province,
          n,
          homes,
          median: null,
          p25: null,
          p75: null,
        });
      else if (r.dim === 'level' && r.key) add('level', r.key, n, homes);
      else if (r.dim === 'date' && r.key) add('month', r.key.slice(0, 7), n, homes);
      else if (r.dim === 'knelpunten') for (const code of r.knelpunten ?? []) add('knelpunt', code, n, homes);
      else if (r.dim === 'total')
        rows.push({
          dim: 'total',
          key: null,
          province: null,
          n,
          homes,
          median: percentileCont(distribution, 0.5),
          p25: percentileCont(distribution, 0.25),
          p75: percentileCont(distribution, 0.75),
        });
    }
    return rows;
  }

  /** Open cases once per knelpunt type (within a period: the knelpunt cells per month). */
  byKnelpunt(actor: Actor, query: InsightDashboardQuery, source: Source): Promise<KnelpuntRow[]> {
    const params: unknown[] = [];
    const columns = 'province_code, region_municipality, level_code, status, systemic';
    const withPeriod = Boolean(query.from || query.to);
    const rows = rowsOf(source, query, params, {
      cells: `SELECT knelpunt_code, ${columns}, NULL::varchar[] AS knelpunten, n, homes FROM ${withPeriod ? 'insight_knelpunt_month_cells' : 'insight_knelpunt_cells'} c`,
      facts: `SELECT k.code AS knelpunt_code, ${columns}, f.knelpunten, 1 AS n, homes
                FROM insight_case_facts f CROSS JOIN LATERAL unnest(f.knelpunten) k(code)`,
      month: withPeriod ? 'c.month' : null,
    });
    const where = insightRollupWhere(actor, query, params, 'r');
    const open = openStatuses(params);
    return this.db.query(
      `SELECT r.knelpunt_code AS key, sum(r.n) AS n, sum(r.homes) AS homes
         FROM ${rows} WHERE ${where} AND r.status = ANY(${open})
        GROUP BY r.knelpunt_code HAVING sum(r.n) > 0`,
      params,
    );
  }

  /** Overdue actions on open cases per organisation (the due date is a column: "today" is read now). */
  overdue(actor: Actor, query: InsightDashboardQuery, source: Source): Promise<OverdueRow[]> {
    const params: unknown[] = [];
    const columns = 'province_code, region_municipality, level_code, status, systemic';
    const rows = rowsOf(source, query, params, {
      cells: `SELECT organisation_id AS org, due_date AS due, ${columns}, NULL::varchar[] AS knelpunten, n FROM insight_overdue_cells c`,
      facts: `SELECT u.org, u.due, ${columns}, f.knelpunten, 1 AS n
                FROM insight_case_facts f CROSS JOIN LATERAL unnest(f.overdue_orgs, f.overdue_dates) u(org, due)`,
      month: 'c.month',
    });
    const where = insightRollupWhere(actor, query, params, 'r');
    const open = openStatuses(params);
    return this.db.query(
      `SELECT r.org AS id, org.name, sum(r.n) AS n, min(r.due)::text AS oldest
         FROM ${rows} JOIN organisations org ON org.id = r.org
        WHERE r.n > 0 AND r.due < (now() AT TIME ZONE 'Europe/Amsterdam')::date AND r.status = ANY(${open})
          AND ${where}
        GROUP BY r.org, org.name
        ORDER BY sum(r.n) DESC, org.name`,
      params,
    );
  }

  /** Open systemic knelpunten in scope that match the filters (the period does not apply). */
  async systemicCount(actor: Actor, query: InsightDashboardQuery, source: Source): Promise<number> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'r', { systemic: 'only' });
    const open = openStatuses(params);
    const found: { n: unknown }[] = await this.db.query(
      source === 'cells'
        ? `SELECT sum(r.n) AS n FROM insight_case_cells r WHERE ${where} AND r.status = ANY(${open})`
        : `SELECT count(*) AS n FROM insight_case_facts r WHERE ${where} AND r.status = ANY(${open})`,
      params,
    );
    return num(found[0]?.n);
  }
}
