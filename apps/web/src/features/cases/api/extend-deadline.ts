import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deadlineSchema, type Deadline, type ExtendDeadlineInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';
import { deadlinePath } from './resume-deadline';

export interface ExtendDeadlineVariables {
  caseId: string;
  deadlineId: string;
  input: ExtendDeadlineInput;
}

/** Add working days to a clock (409 …/extension-over-cap, …/deadline-closed). */
export function extendDeadline({ caseId, deadlineId, input }: ExtendDeadlineVariables): Promise<Deadline> {
  return api.post(`${deadlinePath(caseId, deadlineId)}/extend`, deadlineSchema, input);
}

export function useExtendDeadline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: extendDeadline,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
