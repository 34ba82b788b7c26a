import { useMutation, useQueryClient } from '@tanstack/react-query';
import { attachmentSchema, type Attachment, type Problem } from '@doorbraak/domain';
import {
  api,
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookie,
  UnexpectedResponseError,
} from '@/lib/api-client';
import { getLanguage } from '@/lib/i18n';
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

/**
 * The same upload through XMLHttpRequest, which (unlike fetch) reports upload progress: `onProgress`
 * gets 0–100. Used by Melden, which shows each file's progress. Rejects with an ApiError for an
 * error answer (problem+json) and a TypeError when the network fails, like the api client.
 */
export function uploadAttachmentWithProgress(
  { caseId, file, visibility }: UploadAttachmentVariables,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  const form = new FormData();
  if (visibility) form.append('visibility', visibility);
  form.append('file', file);
  return new Promise<Attachment>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${encodeURIComponent(caseId)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', getLanguage());
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(new TypeError('Upload aborted'));
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(toUploadError(xhr.status, xhr.statusText, body));
        return;
      }
      const parsed = attachmentSchema.safeParse(body);
      if (!parsed.success) {
        reject(new UnexpectedResponseError('Unexpected response from the attachment upload'));
        return;
      }
      onProgress(100);
      resolve(parsed.data);
    };
    xhr.send(form);
  });
}

function toUploadError(status: number, statusText: string, body: unknown): ApiError {
  const problem: Problem = { type: 'about:blank', title: statusText, status };
  if (body && typeof body === 'object') {
    const raw = body as Record<string, unknown>;
    if (typeof raw.type === 'string') problem.type = raw.type;
    if (typeof raw.title === 'string') problem.title = raw.title;
    if (typeof raw.detail === 'string') problem.detail = raw.detail;
  }
  return new ApiError(status, problem);
}
