import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminUserSchema, type AdminUserCreateInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

export function createUser(input: AdminUserCreateInput) {
  return api.post('/admin/users', adminUserSchema, input);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.usersAll() }),
  });
}
