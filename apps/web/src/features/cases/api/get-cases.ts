import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { caseListSchema, type CaseList } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys, type CaseListFilters } from './query-keys';

export const CASES_PAGE_SIZE = 50;

const csv = (values: readonly string[] | undefined) =>
  values && values.length > 0 ? values.join(',') : undefined;

export function getCases(
  { cursor, limit = CASES_PAGE_SIZE, ...filters }: CaseListFilters & { cursor?: string; limit?: number },
  { signal }: { signal?: AbortSignal } = {},
): Promise<CaseList> {
  return api.get('/cases', caseListSchema, {
    query: {
      q: filters.q,
      status: csv(filters.status),
      knelpuntType: csv(filters.knelpuntType),
      province: csv(filters.province),
      level: csv(filters.level),
      overdue: filters.overdue ? 'true' : undefined,
      sort: filters.sort,
      cursor,
      limit,
    },
    signal,
  });
}

export const getCasesQueryOptions = (filters: CaseListFilters) =>
  infiniteQueryOptions({
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getCases({ ...filters, cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useCases(filters: CaseListFilters) {
  return useInfiniteQuery(getCasesQueryOptions(filters));
}
