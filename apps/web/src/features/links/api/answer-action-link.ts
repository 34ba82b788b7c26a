import { useMutation, useQueryClient } from '@tanstack/react-query';
import { actionLinkViewSchema, type ActionLinkView, type LinkResponseInput } from '@doorbraak/domain';
import { api, isApiError } from '@/lib/api-client';
import { linkKeys, linkPath } from './get-action-link';

/**
 * The contact's one answer (status, extension request, note). Public: the token is the credential
 * (no session, no CSRF token). The link is single-use: a second answer is 409 …/link-used.
 */
export function answerActionLink(token: string, input: LinkResponseInput): Promise<ActionLinkView> {
  return api.post(`${linkPath(token)}/response`, actionLinkViewSchema, input);
}

export function useAnswerActionLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkResponseInput) => answerActionLink(token, input),
    onSuccess: (view) => queryClient.setQueryData(linkKeys.view(token), view),
    // Already answered (another tab) or the case closed meanwhile: show what the link is now.
    onError: (error) => {
      if (isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: linkKeys.view(token) });
    },
  });
}
