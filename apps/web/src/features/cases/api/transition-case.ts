import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseDetailSchema, type CaseDetail, type TransitionInput } from '@doorbraak/domain';
import { api, ifMatch } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export interface TransitionCaseVariables {
  id: string;
  /** Sent as If-Match, so a status change never lands on a case the user has not seen. */
  version: number;
  input: TransitionInput;
}

export function transitionCase({ id, version, input }: TransitionCaseVariables): Promise<CaseDetail> {
  return api.post(`/cases/${encodeURIComponent(id)}/transitions`, caseDetailSchema, input, {
    headers: ifMatch(version),
  });
}

export function useTransitionCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionCase,
    onSuccess: async (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.events(updated.id) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
      ]);
    },
    // A refusal (409) or a stale version (412) means the page shows an old state: reload it.
    onError: (_error, { id }) => queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) }),
  });
}
