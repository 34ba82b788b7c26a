import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deadlineSchema, type Deadline, type PauseDeadlineInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';
import { deadlinePath } from './resume-deadline';

export interface PauseDeadlineVariables {
  caseId: string;
  deadlineId: string;
  input: PauseDeadlineInput;
}

/** Stop a clock (409 …/already-paused, …/pause-too-long, …/deadline-closed). */
export function pauseDeadline({ caseId, deadlineId, input }: PauseDeadlineVariables): Promise<Deadline> {
  return api.post(`${deadlinePath(caseId, deadlineId)}/pause`, deadlineSchema, input);
}

export function usePauseDeadline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: pauseDeadline,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
