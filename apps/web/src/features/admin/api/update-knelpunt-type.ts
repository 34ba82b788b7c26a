import { useMutation, useQueryClient } from '@tanstack/react-query';
import { adminKnelpuntTypeSchema, type KnelpuntTypePatch } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { adminKeys } from './query-keys';

export function updateKnelpuntType({ code, input }: { code: string; input: KnelpuntTypePatch }) {
  return api.patch(`/admin/knelpunt-types/${encodeURIComponent(code)}`, adminKnelpuntTypeSchema, input);
}

export function useUpdateKnelpuntType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateKnelpuntType,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.knelpuntTypes() }),
  });
}
