import {
  type Actor,
  type CaseStatus,
  type InsightBreakdownRow,
  type InsightDashboard,
  type InsightDashboardQuery,
  localDate,
  OPEN_STATUSES,
} from '@doorbraak/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  BreakthroughAggregate,
  CaseCell,
  DashboardInputs,
  DashboardPath,
  KnelpuntRow,
  MonthCell,
  OverdueRow,
} from './dashboard-inputs';
import { DashboardRollup } from './dashboard-rollup';
import { audienceKey, InsightCache } from './insight-cache';
import {
  breakthroughInPeriod,
  CREATED_LOCAL_DATE,
  insightCaseWhere,
  num,
  openStatuses,
  dashboardPath,
  submittedInPeriod,
  workingDaysSql,
} from './insight-sql';

interface Labels {
  province: Map<string, string>;
  level: Map<string, { label: string; rank: number }>;
  knelpunt: Map<string, string>;
  region: Map<string, string>;
  /** municipality code → the regions it belongs to. */
  regionsOf: Map<string, string[]>;
}

const MONTH_NAMES = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const monthLabel = (month: string) =>
  `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;

/** `YYYY-MM` months from `first` to `last`, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard += 1) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

const round1 = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** A running total per key. */
class Tally {
  readonly rows = new Map<string | null, { open: number; homes: number; bt: number; unblocked: number }>();

  add(key: string | null, figures: Partial<{ open: number; homes: number; bt: number; unblocked: number }>) {
    const r = this.rows.get(key) ?? { open: 0, homes: 0, bt: 0, unblocked: 0 };
    r.open += figures.open ?? 0;
    r.homes += figures.homes ?? 0;
    r.bt += figures.bt ?? 0;
    r.unblocked += figures.unblocked ?? 0;
    this.rows.set(key, r);
  }

  breakdown(label: (key: string | null) => string): InsightBreakdownRow[] {
    return [...this.rows.entries()]
      .filter(([, r]) => r.open + r.homes + r.bt + r.unblocked > 0)
      .map(([key, r]) => ({
        key,
        label: label(key),
        openCases: r.open,
        homesAtStake: r.homes,
        breakthroughs: r.bt,
        homesUnblocked: r.unblocked,
      }));
  }
}

/**
 * The dashboard: every figure over the cases in the actor's scope that match the filters, in a
 * few aggregate statements run side by side; regions and provinces are summed here from the
 * per-municipality rows. The statements read the insight rollup (DashboardRollup: pre-summed
 * cells, or per-case facts) or the cases themselves (one WHERE fragment, insightCaseWhere), as
 * dashboardPath decides; every way gives the same figures (insight-dashboard-rollup.spec.ts). Answers are
 * cached per scope and query until the data changes (InsightCache). Definitions and the choice
 * of path: docs/metrics.md.
 */
@Injectable()
export class DashboardService {
  private readonly rollup: DashboardRollup;

  constructor(
    private readonly db: DataSource,
    private readonly cache: InsightCache,
  ) {
    this.rollup = new DashboardRollup(db);
  }

  dashboard(
    actor: Actor,
    query: InsightDashboardQuery,
    options: { fresh?: boolean } = {},
  ): Promise<InsightDashboard> {
    const key = JSON.stringify(['dashboard', audienceKey(actor), query, localDate(new Date())]);
    return this.cache.remember(key, () => this.compute(actor, query), options);
  }

  /** The dashboard computed now (no cache), by `path` (default: the rollup when it can answer). */
  async compute(
    actor: Actor,
    query: InsightDashboardQuery,
    path: DashboardPath = dashboardPath(actor, query),
  ): Promise<InsightDashboard> {
    const [inputs, labels] = await Promise.all([this.inputs(actor, query, path), this.labels()]);
    return this.assemble(query, inputs, labels);
  }

  private async inputs(
    actor: Actor,
    query: InsightDashboardQuery,
    path: DashboardPath,
  ): Promise<DashboardInputs> {
    const period = { from: query.from, to: query.to };
    if (path !== 'direct') {
      const [cases, breakthroughs, knelpunten, overdue, systemic] = await Promise.all([
        this.rollup.cases(actor, query, path),
        this.rollup.breakthroughs(actor, query),
        this.rollup.byKnelpunt(actor, query, path),
        this.rollup.overdue(actor, query, path),
        this.rollup.systemicCount(actor, query, query.knelpuntType ? 'facts' : 'cells'),
      ]);
      return { ...cases, breakthroughs, knelpunten, overdue, systemic };
    }
    const [cells, monthCells, breakthroughs, knelpunten, overdue, systemic] = await Promise.all([
      this.caseCells(actor, query, period),
      this.monthCells(actor, query, period),
      this.breakthroughAggregates(actor, query, period),
      this.byKnelpunt(actor, query, period),
      this.overdueByParty(actor, query, period),
      this.systemicCount(actor, query),
    ]);
    return { cells, monthCells, breakthroughs, knelpunten, overdue, systemic };
  }

  private assemble(
    query: InsightDashboardQuery,
    { cells, monthCells, breakthroughs, knelpunten, overdue: overdueRows, systemic }: DashboardInputs,
    labels: Labels,
  ): InsightDashboard {
    const overdue = overdueRows.map((r) => ({
      organisationId: r.id,
      organisationName: r.name,
      overdueActions: num(r.n),
      oldestDueDate: r.oldest,
    }));

    const provinces = new Tally();
    const regions = new Tally();
    const levels = new Tally();
    const types = new Tally();
    const inRegions = (municipality: string | null) => labels.regionsOf.get(municipality ?? '') ?? [null];
    const isOpen = (status: CaseStatus) => OPEN_STATUSES.includes(status);
    const totals = { open: 0, homes: 0, social: 0 };
    const byStatus = new Map<CaseStatus, { count: number; homes: number }>();
    for (const cell of cells) {
      if (!isOpen(cell.status)) continue;
      const figures = { open: num(cell.n), homes: num(cell.homes) };
      totals.open += figures.open;
      totals.homes += figures.homes;
      totals.social += num(cell.social);
      const status = byStatus.get(cell.status) ?? { count: 0, homes: 0 };
      byStatus.set(cell.status, { count: status.count + figures.open, homes: status.homes + figures.homes });
      provinces.add(cell.province, figures);
      for (const region of inRegions(cell.municipality)) regions.add(region, figures);
      levels.add(cell.level, figures);
    }
    for (const b of breakthroughs) {
      const figures = { bt: num(b.n), unblocked: num(b.homes) };
      if (b.dim === 'municipality') {
        provinces.add(b.province, figures);
        for (const region of inRegions(b.key)) regions.add(region, figures);
      }
      if (b.dim === 'level') levels.add(b.key, figures);
    }
    for (const k of knelpunten) types.add(k.key, { open: num(k.n), homes: num(k.homes) });
    for (const b of breakthroughs) {
      if (b.dim === 'knelpunt') types.add(b.key, { bt: num(b.n), unblocked: num(b.homes) });
    }

    // Months: the period, or from the first month with data to the current month.
    const submittedBy = new Map<string, { submitted: number; open: number; homes: number }>();
    for (const cell of monthCells) {
      const m = submittedBy.get(cell.month) ?? { submitted: 0, open: 0, homes: 0 };
      m.submitted += num(cell.n);
      if (isOpen(cell.status)) {
        m.open += num(cell.n);
        m.homes += num(cell.homes);
      }
      submittedBy.set(cell.month, m);
    }
    const unblockedBy = new Map(
      breakthroughs.filter((b) => b.dim === 'month').map((b) => [b.key as string, b]),
    );
    const dataMonths = [...submittedBy.keys(), ...unblockedBy.keys()].sort();
    const thisMonth = localDate(new Date()).slice(0, 7);
    const first = query.from?.slice(0, 7) ?? dataMonths[0];
    const lastData = dataMonths[dataMonths.length - 1] ?? thisMonth;
    const last = query.to?.slice(0, 7) ?? (lastData > thisMonth ? lastData : thisMonth);
    const months = first ? monthsBetween(first, last) : [];

    const btTotal = breakthroughs.find((b) => b.dim === 'total');
    const level = (key: string | null) => labels.level.get(key ?? '');
    const bigFirst = (x: InsightBreakdownRow, y: InsightBreakdownRow) =>
      y.homesAtStake + y.homesUnblocked - (x.homesAtStake + x.homesUnblocked) ||
      x.label.localeCompare(y.label, 'nl');

    return {
      generatedAt: new Date().toISOString(),
      period: { from: query.from ?? null, to: query.to ?? null },
      totals: {
        openCases: totals.open,
        homesAtStake: totals.homes,
        homesSocialOrAffordableAtStake: totals.social,
        breakthroughs: num(btTotal?.n),
        homesUnblocked: num(btTotal?.homes),
        overdueActions: overdue.reduce((sum, o) => sum + o.overdueActions, 0),
        medianWorkingDaysToBreakthrough: round1(btTotal?.median),
        systemicKnelpunten: systemic,
      },
      homes: {
        byProvince: provinces
          .breakdown((k) => labels.province.get(k ?? '') ?? String(k))
          .sort((x, y) => (x.key ?? '').localeCompare(y.key ?? '')),
        byRegion: regions
          .breakdown((k) => (k === null ? 'Geen woondealregio' : (labels.region.get(k) ?? k)))
          .sort((x, y) => (x.key === null ? 1 : y.key === null ? -1 : x.label.localeCompare(y.label, 'nl'))),
        byKnelpuntType: types.breakdown((k) => labels.knelpunt.get(k ?? '') ?? String(k)).sort(bigFirst),
        byLevel: levels
          .breakdown((k) => level(k)?.label ?? String(k))
          .sort((x, y) => (level(x.key)?.rank ?? 99) - (level(y.key)?.rank ?? 99)),
        byMonth: months.map((month) => ({
          key: month,
          label: monthLabel(month),
          openCases: submittedBy.get(month)?.open ?? 0,
          homesAtStake: submittedBy.get(month)?.homes ?? 0,
          breakthroughs: num(unblockedBy.get(month)?.n),
          homesUnblocked: num(unblockedBy.get(month)?.homes),
        })),
      },
      openCases: {
        byStatus: OPEN_STATUSES.map((status) => ({
          status,
          count: byStatus.get(status)?.count ?? 0,
          homesAtStake: byStatus.get(status)?.homes ?? 0,
        })),
        byLevel: [...levels.rows.entries()]
          .filter(([, r]) => r.open > 0)
          .map(([key, r]) => ({
            levelCode: key as string,
            rank: level(key)?.rank ?? 0,
            label: level(key)?.label ?? (key as string),
            count: r.open,
            homesAtStake: r.homes,
          }))
          .sort((x, y) => x.rank - y.rank),
      },
      overdueActionsByParty: overdue,
      timeToBreakthrough: {
        count: num(btTotal?.n),
        medianWorkingDays: round1(btTotal?.median),
        p25WorkingDays: round1(btTotal?.p25),
        p75WorkingDays: round1(btTotal?.p75),
      },
      trend: months.map((month) => ({
        month,
        casesSubmitted: submittedBy.get(month)?.submitted ?? 0,
        breakthroughs: num(unblockedBy.get(month)?.n),
        homesUnblocked: num(unblockedBy.get(month)?.homes),
      })),
    };
  }

  /**
   * The cases per municipality (and province), level and status: every case figure but the
   * months is summed from these cells (a few thousand rows at most).
   */
  private caseCells(
    actor: Actor,
    query: InsightDashboardQuery,
    period: { from?: string; to?: string },
  ): Promise<CaseCell[]> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, query, params);
    const inPeriod = submittedInPeriod(period, params);
    return this.db.query(
      `SELECT c.municipality_code AS municipality, c.province_code AS province, c.level_code AS level, c.status,
              count(*) AS n, coalesce(sum(c.homes_total), 0) AS homes,
              coalesce(sum(c.homes_social_or_affordable), 0) AS social
         FROM cases c WHERE ${where} AND ${inPeriod}
        GROUP BY c.municipality_code, c.province_code, c.level_code, c.status`,
      params,
    );
  }

  /**
   * The cases per month of submission (Amsterdam) and status; a separate scan, run alongside.
   * A row's month is found by binary search (`width_bucket`) in the Amsterdam month starts
   * between the first case and now, computed once per statement: a time-zone conversion per case
   * (`date_trunc(..., 'Europe/Amsterdam')`) cost about as much as the scan itself on 100k cases.
   */
  private async monthCells(
    actor: Actor,
    query: InsightDashboardQuery,
    period: { from?: string; to?: string },
  ): Promise<MonthCell[]> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, query, params);
    const inPeriod = submittedInPeriod(period, params);
    const found: (Omit<MonthCell, 'month'> & { month: Date | string })[] = await this.db.query(
      `WITH bounds AS MATERIALIZED (
         SELECT coalesce(array_agg(m AT TIME ZONE 'Europe/Amsterdam' ORDER BY m), '{}'::timestamptz[]) AS starts
           FROM generate_series(
                  date_trunc('month', (SELECT min(created_at) FROM cases) AT TIME ZONE 'Europe/Amsterdam'),
                  greatest(now(), (SELECT max(created_at) FROM cases)) AT TIME ZONE 'Europe/Amsterdam',
                  interval '1 month') m)
       SELECT (SELECT starts FROM bounds)[g.bucket] AS month, g.status, g.n, g.homes
         FROM (SELECT width_bucket(c.created_at, (SELECT starts FROM bounds)) AS bucket, c.status,
                      count(*) AS n, coalesce(sum(c.homes_total), 0) AS homes
                 FROM cases c WHERE ${where} AND ${inPeriod}
                GROUP BY 1, 2) g`,
      params,
    );
    return found.map((r) => ({ ...r, month: localDate(new Date(r.month)).slice(0, 7) }));
  }

  /**
   * Current breakthroughs dated in the period, per municipality, level, month and knelpunt type
   * (once per type of the case); time to breakthrough. The breakthroughs are selected once
   * (materialised) and both aggregates read them, so the cases are scanned once for all of it.
   */
  private breakthroughAggregates(
    actor: Actor,
    query: InsightDashboardQuery,
    period: { from?: string; to?: string },
  ): Promise<BreakthroughAggregate[]> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, query, params);
    const inPeriod = breakthroughInPeriod(period, params);
    return this.db.query(
      `WITH f AS MATERIALIZED (
         SELECT c.id, c.municipality_code, c.province_code, c.level_code, b.homes_unblocked, to_char(b.date, 'YYYY-MM') AS month,
                ${workingDaysSql(CREATED_LOCAL_DATE, 'b.date')} AS wd
           FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id
          WHERE b.current AND ${where} AND ${inPeriod})
       SELECT CASE WHEN GROUPING(municipality_code) = 0 THEN 'municipality' WHEN GROUPING(level_code) = 0 THEN 'level'
                   WHEN GROUPING(month) = 0 THEN 'month' ELSE 'total' END AS dim,
              coalesce(municipality_code, level_code, month) AS key, province_code AS province,
              count(*) AS n, coalesce(sum(homes_unblocked), 0) AS homes,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY wd) AS median,
              percentile_cont(0.25) WITHIN GROUP (ORDER BY wd) AS p25,
              percentile_cont(0.75) WITHIN GROUP (ORDER BY wd) AS p75
         FROM f GROUP BY GROUPING SETS ((municipality_code, province_code), (level_code), (month), ())
       UNION ALL
       SELECT 'knelpunt', k.knelpunt_code, NULL, count(*), coalesce(sum(f.homes_unblocked), 0), NULL, NULL, NULL
         FROM f JOIN case_knelpunten k ON k.case_id = f.id
        GROUP BY k.knelpunt_code`,
      params,
    );
  }

  /** Open cases once per knelpunt type of the case (the breakthroughs are in breakthroughAggregates). */
  private byKnelpunt(
    actor: Actor,
    query: InsightDashboardQuery,
    period: { from?: string; to?: string },
  ): Promise<KnelpuntRow[]> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, query, params);
    const submitted = submittedInPeriod(period, params);
    const open = openStatuses(params);
    return this.db.query(
      `SELECT k.knelpunt_code AS key, count(*) AS n, coalesce(sum(c.homes_total), 0) AS homes
         FROM cases c JOIN case_knelpunten k ON k.case_id = c.id
        WHERE ${where} AND ${submitted} AND c.status = ANY(${open})
        GROUP BY k.knelpunt_code`,
      params,
    );
  }

  /** Actions not done and past their due date (Amsterdam today) on open cases, per organisation. */
  private overdueByParty(
    actor: Actor,
    query: InsightDashboardQuery,
    period: { from?: string; to?: string },
  ): Promise<OverdueRow[]> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, query, params);
    const submitted = submittedInPeriod(period, params);
    const open = openStatuses(params);
    return this.db.query(
      `SELECT a.organisation_id AS id, o.name, count(*) AS n, min(a.due_date)::text AS oldest
         FROM case_assignments a
         JOIN cases c ON c.id = a.case_id
         JOIN organisations o ON o.id = a.organisation_id
        WHERE a.removed_at IS NULL AND a.action_status <> 'done'
          AND a.due_date < (now() AT TIME ZONE 'Europe/Amsterdam')::date
          AND c.status = ANY(${open}) AND ${where} AND ${submitted}
        GROUP BY a.organisation_id, o.name
        ORDER BY count(*) DESC, o.name`,
      params,
    );
  }

  /** Open systemic knelpunten in scope that match the filters (the period does not apply). */
  private async systemicCount(actor: Actor, query: InsightDashboardQuery): Promise<number> {
    const params: unknown[] = [];
    const where = insightCaseWhere(actor, query, params, { systemic: 'only' });
    const open = openStatuses(params);
    const found: { n: unknown }[] = await this.db.query(
      `SELECT count(*) AS n FROM cases c WHERE ${where} AND c.status = ANY(${open})`,
      params,
    );
    return num(found[0]?.n);
  }

  /** Dutch labels and region membership as the database holds them (admin-editable). */
  private async labels(): Promise<Labels> {
    const found: {
      kind: 'province' | 'level' | 'knelpunt' | 'region' | 'member';
      key: string;
      label: string;
      rank: number;
    }[] = await this.db.query(
      `SELECT 'province' AS kind, code AS key, name AS label, 0 AS rank FROM provinces
         UNION ALL SELECT 'level', code, label_nl, rank FROM escalation_levels
         UNION ALL SELECT 'knelpunt', code, label_nl, 0 FROM knelpunt_types
         UNION ALL SELECT 'region', id::text, name, 0 FROM regions
         UNION ALL SELECT 'member', municipality_code, region_id::text, 0 FROM region_municipalities`,
    );
    const labels: Labels = {
      province: new Map(),
      level: new Map(),
      knelpunt: new Map(),
      region: new Map(),
      regionsOf: new Map(),
    };
    for (const r of found) {
      if (r.kind === 'level') labels.level.set(r.key, { label: r.label, rank: num(r.rank) });
      else if (r.kind === 'member')
        labels.regionsOf.set(r.key, [...(labels.regionsOf.get(r.key) ?? []), r.label]);
      else labels[r.kind].set(r.key, r.label);
    }
    return labels;
  }
}
