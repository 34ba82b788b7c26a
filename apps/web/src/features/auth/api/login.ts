import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meSchema, type LoginInput, type Me } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { authKeys } from './query-keys';

export function login(input: LoginInput): Promise<Me> {
  return api.post('/auth/login', meSchema, input);
}

export function useLogin({ onSuccess }: { onSuccess?: (me: Me) => void | Promise<void> } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (me) => {
      // A new session: forget whatever an earlier user could see.
      queryClient.removeQueries();
      queryClient.setQueryData(authKeys.me(), me);
      await onSuccess?.(me);
    },
  });
}
