import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deadlinePolicySchema, type DeadlinePolicyInput, type DeadlinePolicyPatch } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

export type SaveDeadlinePolicy =
  { id: string; input: DeadlinePolicyPatch } | { id?: undefined; input: DeadlinePolicyInput };

/** POST /api/admin/deadline-policies (a new combination) or PATCH …/{id} (the numbers). */
export function saveDeadlinePolicy({ id, input }: SaveDeadlinePolicy) {
  return id
    ? api.patch(`/admin/deadline-policies/${encodeURIComponent(id)}`, deadlinePolicySchema, input)
    : api.post('/admin/deadline-policies', deadlinePolicySchema, input);
}

export function useSaveDeadlinePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveDeadlinePolicy,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.deadlinePolicies() }),
  });
}
