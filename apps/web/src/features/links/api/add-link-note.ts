import { useMutation, useQueryClient } from '@tanstack/react-query';
import { actionLinkViewSchema, type ActionLinkView, type LinkNoteInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { linkKeys, linkPath } from './get-action-link';

/** Add a note to the case (the author is the contact's email). Public: the token is the credential (no session, no CSRF token). */
export function addLinkNote(token: string, input: LinkNoteInput): Promise<ActionLinkView> {
  return api.post(`${linkPath(token)}/notes`, actionLinkViewSchema, input);
}

export function useAddLinkNote(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkNoteInput) => addLinkNote(token, input),
    onSuccess: (view) => queryClient.setQueryData(linkKeys.view(token), view),
  });
}
