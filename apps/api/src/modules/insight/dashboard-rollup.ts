import type { Actor, InsightDashboardQuery } from '@doorbraak/domain';
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
    const where = insightRollupWhere(actor, query, params, 'r');
    const inPeriod = dateInPeriod(query, params, source === 'cells' ? 'r.month' : 'r.created_on');
    const n = source === 'cells' ? 'r.n' : '1';
    const found: (CaseCell & { dim: 'cell' | 'month'; month: string | null })[] = await this.db.query(
      `SELECT CASE WHEN GROUPING(r.month) = 0 THEN 'month' ELSE 'cell' END AS dim,
              r.region_municipality AS municipality, r.province_code AS province, r.level_code AS level, r.status,
              to_char(r.month, 'YYYY-MM') AS month,
              sum(${n}) AS n, sum(r.homes) AS homes, sum(r.social) AS social
         FROM ${source === 'cells' ? 'insight_case_cells' : 'insight_case_facts'} r WHERE ${where} AND ${inPeriod}
        GROUP BY GROUPING SETS ((r.region_municipality, r.province_code, r.level_code, r.status), (r.month, r.status))
       HAVING sum(${n}) > 0`,
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
    const where = insightRollupWhere(actor, query, params, 'r');
    const open = openStatuses(params);
    if (source === 'facts') {
      const inPeriod = dateInPeriod(query, params, 'r.created_on');
      return this.db.query(
        `SELECT k.code AS key, count(*) AS n, sum(r.homes) AS homes
           FROM insight_case_facts r CROSS JOIN LATERAL unnest(r.knelpunten) k(code)
          WHERE ${where} AND r.status = ANY(${open}) AND ${inPeriod}
          GROUP BY k.code`,
        params,
      );
    }
    const withPeriod = Boolean(query.from || query.to);
    const inPeriod = dateInPeriod(query, params, 'r.month');
    return this.db.query(
      `SELECT r.knelpunt_code AS key, sum(r.n) AS n, sum(r.homes) AS homes
         FROM ${withPeriod ? 'insight_knelpunt_month_cells' : 'insight_knelpunt_cells'} r
        WHERE ${where} AND r.status = ANY(${open}) AND ${inPeriod}
        GROUP BY r.knelpunt_code HAVING sum(r.n) > 0`,
      params,
    );
  }

  /** Overdue actions on open cases per organisation (the due date is a column: "today" is read now). */
  overdue(actor: Actor, query: InsightDashboardQuery, source: Source): Promise<OverdueRow[]> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'o');
    const inPeriod = dateInPeriod(query, params, source === 'cells' ? 'o.month' : 'o.created_on');
    const open = openStatuses(params);
    const from =
      source === 'cells'
        ? `(SELECT o.*, o.organisation_id AS org, o.due_date AS due FROM insight_overdue_cells o WHERE o.n > 0) o`
        : `(SELECT o.*, u.org, u.due, 1 AS n FROM insight_case_facts o
              CROSS JOIN LATERAL unnest(o.overdue_orgs, o.overdue_dates) u(org, due)) o`;
    return this.db.query(
      `SELECT o.org AS id, org.name, sum(o.n) AS n, min(o.due)::text AS oldest
         FROM ${from} JOIN organisations org ON org.id = o.org
        WHERE o.due < (now() AT TIME ZONE 'Europe/Amsterdam')::date
          AND o.status = ANY(${open}) AND ${where} AND ${inPeriod}
        GROUP BY o.org, org.name
        ORDER BY sum(o.n) DESC, org.name`,
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
