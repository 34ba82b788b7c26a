import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminUserSchema, type AdminUserPatchInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

export function updateUser({ id, input }: { id: string; input: AdminUserPatchInput }) {
  return api.patch(`/admin/users/${encodeURIComponent(id)}`, adminUserSchema, input);
}

/** A role change is a security event (the api records it); deactivating ends the user's sessions. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.usersAll() }),
  });
}
