import { queryOptions, useQuery } from '@tanstack/react-query';
import { meSchema, type Me } from '@doorbraak/domain';
import { api, isApiError } from '@/lib/api-client';
import { authKeys } from './query-keys';

/** The logged-in user, or `null` when there is no session (401). */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<Me | null> {
  try {
    return await api.get('/auth/me', meSchema, { signal });
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe({ signal }),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(getMeQueryOptions());
}
