import { useMutation, useQueryClient } from '@tanstack/react-query';
import { attachmentSchema, type Attachment } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

export interface UploadAttachmentVariables {
  caseId: string;
  file: File;
  /** Left out for the submitting municipality: the api shares its files. */
  visibility?: 'internal' | 'shared';
}

/** multipart/form-data with the field `file` (and `visibility` when chosen). */
export function uploadAttachment({
  caseId,
  file,
  visibility,
}: UploadAttachmentVariables): Promise<Attachment> {
  const form = new FormData();
  if (visibility) form.append('visibility', visibility);
  form.append('file', file);
  return api.post(`/cases/${encodeURIComponent(caseId)}/attachments`, attachmentSchema, form);
}

export function useUploadAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAttachment,
    onSuccess: async (created) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.attachments(created.caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.events(created.caseId) }),
      ]);
    },
  });
}
