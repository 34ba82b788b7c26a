import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { organisationSchema, type Organisation } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

export interface OrganisationFilters {
  /** Party type code, e.g. `grid_operator`. */
  type?: string;
  /** Part of the name or short name. */
  q?: string;
}

/** Query keys of the organisations feature. */
export const organisationKeys = {
  all: ['organisations'] as const,
  list: (filters: OrganisationFilters) => [...organisationKeys.all, 'list', filters] as const,
};

const organisationListSchema = z.object({ items: z.array(organisationSchema) });

/** Organisations sorted by name (any logged-in user may list them, to pick parties). */
export async function getOrganisations(
  filters: OrganisationFilters,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Organisation[]> {
  const { items } = await api.get('/organisations', organisationListSchema, {
    query: { type: filters.type, q: filters.q },
    signal,
  });
  return items;
}

export const getOrganisationsQueryOptions = (filters: OrganisationFilters) =>
  queryOptions({
    queryKey: organisationKeys.list(filters),
    queryFn: ({ signal }) => getOrganisations(filters, { signal }),
    staleTime: 5 * 60_000,
    // While a new search runs, keep showing the last results instead of an empty list.
    placeholderData: keepPreviousData,
  });

export function useOrganisations(filters: OrganisationFilters) {
  return useQuery(getOrganisationsQueryOptions(filters));
}
