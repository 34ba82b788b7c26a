import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { deadlinePolicySchema, type DeadlinePolicy } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const listSchema = z.object({ items: z.array(deadlinePolicySchema) });

/** GET /api/admin/deadline-policies: in the order of the process. */
export async function getDeadlinePolicies({ signal }: { signal?: AbortSignal } = {}): Promise<
  DeadlinePolicy[]
> {
  const { items } = await api.get('/admin/deadline-policies', listSchema, { signal });
  return items;
}

export const getDeadlinePoliciesQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.deadlinePolicies(),
    queryFn: ({ signal }) => getDeadlinePolicies({ signal }),
  });

export function useDeadlinePolicies() {
  return useQuery(getDeadlinePoliciesQueryOptions());
}
