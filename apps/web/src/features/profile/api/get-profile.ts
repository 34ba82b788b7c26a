import { queryOptions, useQuery } from '@tanstack/react-query';
import { profileSchema, type Profile } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

/** Query keys of the profile feature. */
export const profileKeys = {
  all: ['profile'] as const,
};

/** My language and notification preference. */
export function getProfile({ signal }: { signal?: AbortSignal } = {}): Promise<Profile> {
  return api.get('/me/profile', profileSchema, { signal });
}

export const getProfileQueryOptions = () =>
  queryOptions({
    queryKey: profileKeys.all,
    queryFn: ({ signal }) => getProfile({ signal }),
  });

export function useProfile() {
  return useQuery(getProfileQueryOptions());
}
