import { useMutation, useQueryClient } from '@tanstack/react-query';
import { commentSchema, type Comment, type CreateCommentInput } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export function createComment({
  caseId,
  input,
}: {
  caseId: string;
  input: CreateCommentInput;
}): Promise<Comment> {
  return api.post(`/cases/${encodeURIComponent(caseId)}/comments`, commentSchema, input);
}

export function useCreateComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createComment,
    onSuccess: async (created) => {
      queryClient.setQueryData<Comment[]>(caseKeys.comments(created.caseId), (old) =>
        old ? [...old, created] : old,
      );
      await queryClient.invalidateQueries({ queryKey: caseKeys.events(created.caseId) });
    },
  });
}
