import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { clearDrafts } from '@/lib/drafts';

export function logout(): Promise<void> {
  return api.postNoContent('/auth/logout');
}

/** Log out; `onSettled` navigates away first, then the cache is cleared. */
export function useLogout({ onSettled }: { onSettled?: () => void | Promise<void> } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: async () => {
      await onSettled?.();
      queryClient.clear();
      clearDrafts(); // a shared computer must not show the next person this user's drafts
    },
  });
}
