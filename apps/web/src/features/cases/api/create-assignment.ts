import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assignmentSchema, type Assignment, type CreateAssignmentInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';

export function createAssignment({
  caseId,
  input,
}: {
  caseId: string;
  input: CreateAssignmentInput;
}): Promise<Assignment> {
  return api.post(`/cases/${encodeURIComponent(caseId)}/assignments`, assignmentSchema, input);
}

export function useCreateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAssignment,
    onSuccess: (created) => invalidateCase(queryClient, created.caseId),
  });
}
