import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { SOLUTION_TYPES } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

/**
 * GET /api/breakthroughs. The same zod shape as the api's `breakthrough.dto.ts`; it belongs in
 * libs/domain (schemas/resources.ts) so both sides import one schema.
 */
export const breakthroughListItemSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  projectName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  homesUnblocked: z.number().int(),
  solutionType: z.enum(SOLUTION_TYPES),
  /** `YYYY-MM-DD`. */
  date: z.string(),
});
export type BreakthroughListItem = z.infer<typeof breakthroughListItemSchema>;

export const breakthroughListSchema = z.object({
  items: z.array(breakthroughListItemSchema),
  nextCursor: z.string().nullable(),
  /** Over every current breakthrough in scope, not just this page. */
  count: z.number().int(),
  totalHomesUnblocked: z.number().int(),
});
export type BreakthroughList = z.infer<typeof breakthroughListSchema>;

/** Query keys of the breakthroughs feature. */
export const breakthroughKeys = {
  all: ['breakthroughs'] as const,
  list: () => [...breakthroughKeys.all, 'list'] as const,
};

/** The api's maximum page: the overview sorts by homes, which is only right over everything loaded. */
export const BREAKTHROUGHS_PAGE_SIZE = 200;

export function getBreakthroughs(
  { cursor }: { cursor?: string } = {},
  { signal }: { signal?: AbortSignal } = {},
): Promise<BreakthroughList> {
  return api.get('/breakthroughs', breakthroughListSchema, {
    query: { cursor, limit: BREAKTHROUGHS_PAGE_SIZE },
    signal,
  });
}

export const getBreakthroughsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: breakthroughKeys.list(),
    queryFn: ({ pageParam, signal }) => getBreakthroughs({ cursor: pageParam }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useBreakthroughs() {
  return useInfiniteQuery(getBreakthroughsQueryOptions());
}
