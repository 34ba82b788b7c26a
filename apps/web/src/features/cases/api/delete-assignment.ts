import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';

export interface DeleteAssignmentVariables {
  caseId: string;
  assignmentId: string;
  version: number;
}

export function deleteAssignment({
  caseId,
  assignmentId,
  version,
}: DeleteAssignmentVariables): Promise<void> {
  return api.delete(`/cases/${encodeURIComponent(caseId)}/assignments/${encodeURIComponent(assignmentId)}`, {
    headers: ifMatch(version),
  });
}

export function useDeleteAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAssignment,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
