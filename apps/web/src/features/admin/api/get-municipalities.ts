import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { MUNICIPALITIES } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const municipalitySchema = z.object({ code: z.string(), name: z.string(), provinceCode: z.string() });
export type MunicipalityOption = z.infer<typeof municipalitySchema>;

/** GET /api/reference/municipalities: all 342 (CBS 2025), by name. */
export async function getMunicipalities({ signal }: { signal?: AbortSignal } = {}) {
  return api.get('/reference/municipalities', z.array(municipalitySchema), { signal });
}

export const getMunicipalitiesQueryOptions = () =>
  queryOptions({
    queryKey: adminKeys.municipalities(),
    queryFn: ({ signal }) => getMunicipalities({ signal }),
    staleTime: 60 * 60_000,
    // The shipped list until the database's copy arrives.
    placeholderData: [...MUNICIPALITIES].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
  });

export function useMunicipalities() {
  return useQuery(getMunicipalitiesQueryOptions());
}
