import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { organisationSchema, type Organisation } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const listSchema = z.object({ items: z.array(organisationSchema) });

/** GET /api/organisations: all of them, sorted by name (the admin page filters in the browser). */
export async function getAllOrganisations({ signal }: { signal?: AbortSignal } = {}): Promise<
  Organisation[]
> {
  const { items } = await api.get('/organisations', listSchema, { signal });
  return items;
}

export const getAllOrganisationsQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.organisations(),
    queryFn: ({ signal }) => getAllOrganisations({ signal }),
  });

export function useAllOrganisations() {
  return useQuery(getAllOrganisationsQueryOptions());
}
