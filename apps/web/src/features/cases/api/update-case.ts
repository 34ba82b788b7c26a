import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseDetailSchema, type CaseDetail, type PatchCaseInput } from '@doorbraak/domain';
import { api, ifMatch } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export interface UpdateCaseVariables {
  id: string;
  /** The version the user started from; the api answers 412 when the case has moved on. */
  version: number;
  input: PatchCaseInput;
}

export function updateCase({ id, version, input }: UpdateCaseVariables): Promise<CaseDetail> {
  return api.patch(`/cases/${encodeURIComponent(id)}`, caseDetailSchema, input, {
    headers: ifMatch(version),
  });
}

export function useUpdateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCase,
    onSuccess: async (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.events(updated.id) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
      ]);
    },
  });
}
