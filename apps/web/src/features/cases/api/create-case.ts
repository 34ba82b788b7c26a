import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseDetailSchema, type CaseDetail, type CreateCaseInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export function createCase(input: CreateCaseInput): Promise<CaseDetail> {
  return api.post('/cases', caseDetailSchema, input);
}

export function useCreateCase({
  onSuccess,
}: { onSuccess?: (created: CaseDetail) => void | Promise<void> } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCase,
    onSuccess: async (created) => {
      queryClient.setQueryData(caseKeys.detail(created.id), created);
      await queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
      await onSuccess?.(created);
    },
  });
}
