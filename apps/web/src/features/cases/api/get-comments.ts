import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { commentSchema, type Comment } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

const commentListSchema = z.object({ items: z.array(commentSchema) });

/** Comments, oldest first; the api hides internal ones from the submitting municipality. */
export async function getComments(
  caseId: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Comment[]> {
  const { items } = await api.get(`/cases/${encodeURIComponent(caseId)}/comments`, commentListSchema, {
    signal,
  });
  return items;
}

export const getCommentsQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.comments(caseId),
    queryFn: ({ signal }) => getComments(caseId, { signal }),
  });

export function useComments(caseId: string) {
  return useQuery(getCommentsQueryOptions(caseId));
}
