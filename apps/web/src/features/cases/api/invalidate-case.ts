import type { QueryClient } from '@tanstack/react-query';
import { caseKeys } from './query-keys';

/** After a write on a case's parts: reload the case (version, permissions), its timeline and the lists. */
export function invalidateCase(queryClient: QueryClient, caseId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
  ]);
}
