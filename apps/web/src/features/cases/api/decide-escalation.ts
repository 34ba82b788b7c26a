import { useMutation, useQueryClient } from '@tanstack/react-query';
import { escalationSchema, type DecideEscalationInput, type Escalation } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { invalidateCase } from './invalidate-case';

export interface DecideEscalationVariables {
  caseId: string;
  escalationId: string;
  input: DecideEscalationInput;
}

export function decideEscalation({
  caseId,
  escalationId,
  input,
}: DecideEscalationVariables): Promise<Escalation> {
  return api.patch(
    `/cases/${encodeURIComponent(caseId)}/escalations/${encodeURIComponent(escalationId)}`,
    escalationSchema,
    input,
  );
}

export function useDecideEscalation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideEscalation,
    onSettled: (_data, _error, { caseId }) => invalidateCase(queryClient, caseId),
  });
}
