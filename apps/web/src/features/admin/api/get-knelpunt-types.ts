import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { adminKnelpuntTypeSchema, type AdminKnelpuntType } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const listSchema = z.object({ items: z.array(adminKnelpuntTypeSchema) });

/** GET /api/admin/knelpunt-types: every type, active or not, with its number of cases. */
export async function getKnelpuntTypes({ signal }: { signal?: AbortSignal } = {}): Promise<
  AdminKnelpuntType[]
> {
  const { items } = await api.get('/admin/knelpunt-types', listSchema, { signal });
  return items;
}

export const getKnelpuntTypesQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.knelpuntTypes(),
    queryFn: ({ signal }) => getKnelpuntTypes({ signal }),
  });

export function useKnelpuntTypes() {
  return useQuery(getKnelpuntTypesQueryOptions());
}
