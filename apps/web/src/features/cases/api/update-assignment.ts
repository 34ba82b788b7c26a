import { useMutation, useQueryClient } from '@tanstack/react-query';
import { assignmentSchema, type Assignment, type PatchAssignmentInput } from '@doorbraak/domain';
import { api, ifMatch } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';

export interface UpdateAssignmentVariables {
  caseId: string;
  assignmentId: string;
  /** The assignment's version, sent as If-Match (412 when someone else changed it meanwhile). */
  version: number;
  input: PatchAssignmentInput;
}

export function updateAssignment({
  caseId,
  assignmentId,
  version,
  input,
}: UpdateAssignmentVariables): Promise<Assignment> {
  return api.patch(
    `/cases/${encodeURIComponent(caseId)}/assignments/${encodeURIComponent(assignmentId)}`,
    assignmentSchema,
    input,
    { headers: ifMatch(version) },
  );
}

export function useUpdateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAssignment,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
