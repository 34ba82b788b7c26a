import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { type InsightDashboard, insightDashboardSchema } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { type DashboardFilters, dashboardSearchParams } from '../utils/dashboard-filters';

/** Query keys of the insight feature. */
export const insightKeys = {
  all: ['insight'] as const,
  dashboard: (filters: DashboardFilters) => [...insightKeys.all, 'dashboard', filters] as const,
};

/** GET /api/insight/dashboard with the filters as the api names them (docs/metrics.md). */
export function getDashboard(
  filters: DashboardFilters,
  { signal }: { signal?: AbortSignal } = {},
): Promise<InsightDashboard> {
  return api.get('/insight/dashboard', insightDashboardSchema, {
    query: Object.fromEntries(dashboardSearchParams(filters)),
    signal,
  });
}

export const getDashboardQueryOptions = (filters: DashboardFilters) =>
  queryOptions({
    queryKey: insightKeys.dashboard(filters),
    queryFn: ({ signal }) => getDashboard(filters, { signal }),
    // The api answers from its cache until the data changes; a minute is fresh enough here too.
    staleTime: 60_000,
    // Changing a filter keeps the previous figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export function useDashboard(filters: DashboardFilters) {
  return useQuery(getDashboardQueryOptions(filters));
}
