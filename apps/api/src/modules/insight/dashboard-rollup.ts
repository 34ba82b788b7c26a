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

/**
 * The dashboard's inputs from the pre-summed cells (the InsightRollup migration; docs/metrics.md,
 * "How the dashboard is computed") instead of the cases: the same rows as DashboardService's
 * direct statements, with `municipality` holding the case's municipality only when it is in a
 * woondeal region ('' otherwise: all a municipality is used for is its regions). Only for
 * queries `rollupAnswers` accepts.
 */
export class DashboardRollup {
  constructor(private readonly db: DataSource) {}

  /** Case cells and month cells in one pass over the case cells (GROUPING SETS). */
  async cases(
    actor: Actor,
    query: InsightDashboardQuery,
  ): Promise<Pick<DashboardInputs, 'cells' | 'monthCells'>> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'r');
    const inPeriod = dateInPeriod(query, params, 'r.month');
    const found: (CaseCell & { dim: 'cell' | 'month'; month: string | null })[] = await this.db.query(
      `SELECT CASE WHEN GROUPING(r.month) = 0 THEN 'month' ELSE 'cell' END AS dim,
              r.region_municipality AS municipality, r.province_code AS province, r.level_code AS level, r.status,
              to_char(r.month, 'YYYY-MM') AS month,
              sum(r.n) AS n, sum(r.homes) AS homes, sum(r.social) AS social
         FROM insight_case_cells r WHERE ${where} AND ${inPeriod}
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
    const found: {
      dim: BreakthroughAggregate['dim'] | 'wd';
      key: string | null;
      province: string | null;
      n: unknown;
      homes: unknown;
    }[] = await this.db.query(
      `WITH f AS MATERIALIZED (
           SELECT b.region_municipality, b.province_code, b.level_code, b.knelpunten, to_char(b.date, 'YYYY-MM') AS month,
                  ${workingDaysSql('b.created_on', 'b.date')} AS wd, b.n, b.homes
             FROM insight_breakthrough_cells b
            WHERE b.n > 0 AND ${where} AND ${inPeriod})
         SELECT CASE WHEN GROUPING(region_municipality) = 0 THEN 'municipality' WHEN GROUPING(level_code) = 0 THEN 'level'
                     WHEN GROUPING(month) = 0 THEN 'month' WHEN GROUPING(wd) = 0 THEN 'wd' ELSE 'total' END AS dim,
                coalesce(region_municipality, level_code, month, wd::text) AS key, province_code AS province,
                coalesce(sum(n), 0) AS n, coalesce(sum(homes), 0) AS homes
           FROM f GROUP BY GROUPING SETS ((region_municipality, province_code), (level_code), (month), (wd), ())
         UNION ALL
         SELECT 'knelpunt', k.code, NULL, sum(f.n), sum(f.homes) FROM f, unnest(f.knelpunten) k(code) GROUP BY k.code`,
      params,
    );
    const distribution = found
      .filter((r) => r.dim === 'wd')
      .map((r) => ({ value: Number(r.key), count: num(r.n) }))
      .sort((x, y) => x.value - y.value);
    return found
      .filter((r) => r.dim !== 'wd')
      .map((r) => ({
        dim: r.dim as BreakthroughAggregate['dim'],
        key: r.key,
        province: r.province,
        n: r.n,
        homes: r.homes,
        ...(r.dim === 'total'
          ? {
              median: percentileCont(distribution, 0.5),
              p25: percentileCont(distribution, 0.25),
              p75: percentileCont(distribution, 0.75),
            }
          : { median: null, p25: null, p75: null }),
      }));
  }

  /** Open cases once per knelpunt type (no period: the knelpunt cells have no month). */
  byKnelpunt(actor: Actor, query: InsightDashboardQuery): Promise<KnelpuntRow[]> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'r');
    const open = openStatuses(params);
    return this.db.query(
      `SELECT r.knelpunt_code AS key, sum(r.n) AS n, sum(r.homes) AS homes
         FROM insight_knelpunt_cells r WHERE ${where} AND r.status = ANY(${open})
        GROUP BY r.knelpunt_code HAVING sum(r.n) > 0`,
      params,
    );
  }

  /** Overdue actions on open cases per organisation (the due date is a column: "today" is read now). */
  overdue(actor: Actor, query: InsightDashboardQuery): Promise<OverdueRow[]> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'o');
    const inPeriod = dateInPeriod(query, params, 'o.month');
    const open = openStatuses(params);
    return this.db.query(
      `SELECT o.organisation_id AS id, org.name, sum(o.n) AS n, min(o.due_date)::text AS oldest
         FROM insight_overdue_cells o JOIN organisations org ON org.id = o.organisation_id
        WHERE o.n > 0 AND o.due_date < (now() AT TIME ZONE 'Europe/Amsterdam')::date
          AND o.status = ANY(${open}) AND ${where} AND ${inPeriod}
        GROUP BY o.organisation_id, org.name
        ORDER BY sum(o.n) DESC, org.name`,
      params,
    );
  }

  /** Open systemic knelpunten in scope that match the filters (the period does not apply). */
  async systemicCount(actor: Actor, query: InsightDashboardQuery): Promise<number> {
    const params: unknown[] = [];
    const where = insightRollupWhere(actor, query, params, 'r', { systemic: 'only' });
    const open = openStatuses(params);
    const found: { n: unknown }[] = await this.db.query(
      `SELECT sum(r.n) AS n FROM insight_case_cells r WHERE ${where} AND r.status = ANY(${open})`,
      params,
    );
    return num(found[0]?.n);
  }
}
