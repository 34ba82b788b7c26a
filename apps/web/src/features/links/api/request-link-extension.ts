import { useMutation, useQueryClient } from '@tanstack/react-query';
import { actionLinkViewSchema, type ActionLinkView, type LinkExtensionRequestInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { linkKeys, linkPath } from './get-action-link';

/** Ask for more working days; the coordinator decides. Public: the token is the credential (no session, no CSRF token). */
export function requestLinkExtension(
  token: string,
  input: LinkExtensionRequestInput,
): Promise<ActionLinkView> {
  return api.post(`${linkPath(token)}/extension-request`, actionLinkViewSchema, input);
}

export function useRequestLinkExtension(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkExtensionRequestInput) => requestLinkExtension(token, input),
    onSuccess: (view) => queryClient.setQueryData(linkKeys.view(token), view),
  });
}
