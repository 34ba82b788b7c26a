import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deadlineSchema, type Deadline } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';

export const deadlinePath = (caseId: string, deadlineId: string) =>
  `/cases/${encodeURIComponent(caseId)}/deadlines/${encodeURIComponent(deadlineId)}`;

export interface ResumeDeadlineVariables {
  caseId: string;
  deadlineId: string;
}

/** Start a paused clock again (409 …/not-paused). */
export function resumeDeadline({ caseId, deadlineId }: ResumeDeadlineVariables): Promise<Deadline> {
  return api.post(`${deadlinePath(caseId, deadlineId)}/resume`, deadlineSchema, undefined);
}

export function useResumeDeadline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resumeDeadline,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
