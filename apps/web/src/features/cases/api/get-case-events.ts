import { queryOptions, useQuery } from '@tanstack/react-query';
import { caseEventsSchema, type CaseEvent } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

/** The timeline, oldest first as the api sends it. */
export async function getCaseEvents(
  caseId: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<CaseEvent[]> {
  const { items } = await api.get(`/cases/${encodeURIComponent(caseId)}/events`, caseEventsSchema, {
    signal,
  });
  return items;
}

export const getCaseEventsQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.events(caseId),
    queryFn: ({ signal }) => getCaseEvents(caseId, { signal }),
  });

export function useCaseEvents(caseId: string) {
  return useQuery(getCaseEventsQueryOptions(caseId));
}
