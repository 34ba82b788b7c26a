import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { organisationSchema, type Organisation } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

const listSchema = z.object({ items: z.array(organisationSchema) });

/** GET /api/organisations (any signed-in user may list them): the candidates for an escalation's owner. */
export async function getOrganisationsForEscalation({ signal }: { signal?: AbortSignal } = {}) {
  const { items } = await api.get('/organisations', listSchema, { signal });
  return items;
}

export const escalationOwnersQueryOptions = () =>
  queryOptions({
    // Not under the case keys: a command on a case does not change the organisations.
    queryKey: ['organisations', 'escalation-owners'] as const,
    queryFn: ({ signal }) => getOrganisationsForEscalation({ signal }),
    staleTime: 5 * 60_000,
  });

export function useEscalationOwnerOrganisations(enabled = true) {
  return useQuery({ ...escalationOwnersQueryOptions(), enabled });
}

const byName = (a: Organisation, b: Organisation) => a.name.localeCompare(b.name, 'nl');

/**
 * Who can own the question at the level the case goes to (a suggestion; the api accepts any
 * organisation): for the regional table the table secretariats and the province of the case's
 * province; for the national table the national table secretariats (no province) and the
 * ministries; for the ministerial taskforce the ministries and the national secretariats.
 */
export function escalationOwnerCandidates(
  organisations: readonly Organisation[],
  toLevel: string,
  provinceCode: string,
): Organisation[] {
  const secretariats = organisations.filter((o) => o.type === 'table_secretariat');
  const national = secretariats.filter((o) => o.provinceCodes.length === 0);
  const ministries = organisations.filter((o) => o.type === 'ministry');
  switch (toLevel) {
    case 'regional_table': {
      const regional = secretariats.filter((o) => o.provinceCodes.length > 0);
      const own = regional.filter((o) => o.provinceCodes.includes(provinceCode));
      const province = organisations.filter(
        (o) => o.type === 'province' && o.provinceCodes.includes(provinceCode),
      );
      return [...(own.length > 0 ? own : regional), ...province].sort(byName);
    }
    case 'national_table':
      return [...national, ...ministries].sort(byName);
    case 'ministerial_taskforce':
      return [...ministries, ...national].sort(byName);
    default:
      return [...secretariats].sort(byName);
  }
}
