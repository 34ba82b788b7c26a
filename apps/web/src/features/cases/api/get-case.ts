import { queryOptions, useQuery } from '@tanstack/react-query';
import { caseDetailSchema, type CaseDetail } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export function getCase(id: string, { signal }: { signal?: AbortSignal } = {}): Promise<CaseDetail> {
  return api.get(`/cases/${encodeURIComponent(id)}`, caseDetailSchema, { signal });
}

export const getCaseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => getCase(id, { signal }),
  });

export function useCase(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getCaseQueryOptions(id), enabled });
}
