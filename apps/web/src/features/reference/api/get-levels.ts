import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ESCALATION_LEVELS } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

/** Query keys of the reference feature. */
export const referenceKeys = {
  all: ['reference'] as const,
  levels: () => [...referenceKeys.all, 'levels'] as const,
};

/** One rung of the escalation ladder as GET /api/reference/levels answers it. */
export const levelSchema = z.object({
  code: z.string(),
  rank: z.number().int(),
  labelNl: z.string(),
  labelEn: z.string(),
});
export type Level = z.infer<typeof levelSchema>;

/** The ladder lowest first (the api sorts by rank; sorted again so the order never depends on it). */
export async function getLevels({ signal }: { signal?: AbortSignal } = {}): Promise<Level[]> {
  const levels = await api.get('/reference/levels', z.array(levelSchema), { signal });
  return [...levels].sort((a, b) => a.rank - b.rank);
}

/** The shipped reference data, shown until the database's copy arrives. */
const shippedLevels: Level[] = ESCALATION_LEVELS.map((l) => ({
  code: l.code,
  rank: l.rank,
  labelNl: l.nl,
  labelEn: l.en,
}));

export const getLevelsQueryOptions = () =>
  queryOptions({
    queryKey: referenceKeys.levels(),
    queryFn: ({ signal }) => getLevels({ signal }),
    staleTime: 60 * 60_000,
    placeholderData: shippedLevels,
  });

export function useLevels() {
  return useQuery(getLevelsQueryOptions());
}
