import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { adminUserSchema, type AdminUser } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

const listSchema = z.object({ items: z.array(adminUserSchema) });

/** GET /api/admin/users: by email; `q` matches part of the email or name. */
export async function getUsers(q: string, { signal }: { signal?: AbortSignal } = {}): Promise<AdminUser[]> {
  const { items } = await api.get('/admin/users', listSchema, { query: { q: q || undefined }, signal });
  return items;
}

export const getUsersQueryOptions = (q: string) =>
  queryOptions({
    queryKey: adminKeys.users(q),
    queryFn: ({ signal }) => getUsers(q, { signal }),
    placeholderData: keepPreviousData,
  });

export function useUsers(q: string) {
  return useQuery(getUsersQueryOptions(q));
}
