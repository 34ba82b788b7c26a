import { useMutation, useQueryClient } from '@tanstack/react-query';
import { escalationSchema, type CreateEscalationInput, type Escalation } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';

export function createEscalation({
  caseId,
  input,
}: {
  caseId: string;
  input: CreateEscalationInput;
}): Promise<Escalation> {
  return api.post(`/cases/${encodeURIComponent(caseId)}/escalations`, escalationSchema, input);
}

export function useCreateEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEscalation,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
