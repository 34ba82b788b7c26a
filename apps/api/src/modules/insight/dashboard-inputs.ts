import type { CaseStatus } from '@doorbraak/domain';

/** Cases per municipality (with its province), current level and status. */
export interface CaseCell {
  municipality: string;
  province: string;
  level: string;
  status: CaseStatus;
  n: unknown;
  homes: unknown;
  social: unknown;
}

/** Cases per month of submission (`YYYY-MM`, Amsterdam) and status. */
export interface MonthCell {
  month: string;
  status: CaseStatus;
  n: unknown;
  homes: unknown;
}

export interface BreakthroughAggregate {
  dim: 'municipality' | 'level' | 'month' | 'total' | 'knelpunt';
  key: string | null;
  province: string | null;
  n: unknown;
  homes: unknown;
  median: unknown;
  p25: unknown;
  p75: unknown;
}

export interface KnelpuntRow {
  key: string;
  n: unknown;
  homes: unknown;
}

export interface OverdueRow {
  id: string;
  name: string;
  n: unknown;
  oldest: string;
}

/**
 * What the dashboard is summed from, whichever way it was read: straight from the cases
 * (DashboardService) or from the pre-summed cells (DashboardRollup). Both give the same figures.
 */
export interface DashboardInputs {
  cells: CaseCell[];
  monthCells: MonthCell[];
  breakthroughs: BreakthroughAggregate[];
  knelpunten: KnelpuntRow[];
  overdue: OverdueRow[];
  systemic: number;
}

/** Where the figures are read from (dashboardPath in insight-sql.ts). */
export type DashboardPath = 'cells' | 'facts' | 'direct';
