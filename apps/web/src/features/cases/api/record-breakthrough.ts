import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseDetailSchema, type BreakthroughInput, type CaseDetail } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export function recordBreakthrough({
  caseId,
  input,
}: {
  caseId: string;
  input: BreakthroughInput;
}): Promise<CaseDetail> {
  return api.post(`/cases/${encodeURIComponent(caseId)}/breakthrough`, caseDetailSchema, input);
}

/**
 * Records the breakthrough; the answer is the updated case. `onSuccess` lets the app layer refresh
 * what other features show (the breakthroughs overview), as features do not import each other.
 */
export function useRecordBreakthrough({ onSuccess }: { onSuccess?: () => void | Promise<unknown> } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordBreakthrough,
    onSuccess: async (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.events(updated.id) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
      ]);
      await onSuccess?.();
    },
    onError: (_error, { caseId }) => queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
  });
}
