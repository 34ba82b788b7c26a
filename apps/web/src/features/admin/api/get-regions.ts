import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { regionSchema, type Region } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const listSchema = z.object({ items: z.array(regionSchema) });

export async function getRegions({ signal }: { signal?: AbortSignal } = {}): Promise<Region[]> {
  const { items } = await api.get('/regions', listSchema, { signal });
  return items;
}

export const getRegionsQueryOptions = () =>
  queryOptions({ queryKey: adminKeys.regions(), queryFn: ({ signal }) => getRegions({ signal }) });

export function useRegions() {
  return useQuery(getRegionsQueryOptions());
}
