import { queryOptions, useQuery } from '@tanstack/react-query';
import { myWorkSchema, type MyWork } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

/** Query keys of the work feature. */
export const workKeys = {
  all: ['my-work'] as const,
};

/** My open actions: overdue, due within 5 working days, and the rest (with counts for the menu). */
export function getMyWork({ signal }: { signal?: AbortSignal } = {}): Promise<MyWork> {
  return api.get('/me/work', myWorkSchema, { signal });
}

export const getMyWorkQueryOptions = () =>
  queryOptions({
    queryKey: workKeys.all,
    queryFn: ({ signal }) => getMyWork({ signal }),
    staleTime: 60_000,
  });

export function useMyWork() {
  return useQuery(getMyWorkQueryOptions());
}
