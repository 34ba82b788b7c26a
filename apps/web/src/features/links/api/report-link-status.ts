import { useMutation, useQueryClient } from '@tanstack/react-query';
import { actionLinkViewSchema, type ActionLinkView, type LinkActionStatusInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { linkKeys, linkPath } from './get-action-link';

/** Report the action status (and a progress note) as the assignment's contact. Public: the token is the credential (no session, no CSRF token). */
export function reportLinkStatus(token: string, input: LinkActionStatusInput): Promise<ActionLinkView> {
  return api.post(`${linkPath(token)}/action-status`, actionLinkViewSchema, input);
}

export function useReportLinkStatus(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkActionStatusInput) => reportLinkStatus(token, input),
    onSuccess: (view) => queryClient.setQueryData(linkKeys.view(token), view),
  });
}
