import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { attachmentSchema, type Attachment } from '@doorbraak/domain';
import { api } from '@/lib/api-client';
import { caseKeys } from './query-keys';

const attachmentListSchema = z.object({ items: z.array(attachmentSchema) });

export async function getAttachments(
  caseId: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Attachment[]> {
  const { items } = await api.get(`/cases/${encodeURIComponent(caseId)}/attachments`, attachmentListSchema, {
    signal,
  });
  return items;
}

/** Where the browser downloads the file (the api always answers with Content-Disposition: attachment). */
export function attachmentContentHref(caseId: string, attachmentId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
}

export const getAttachmentsQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.attachments(caseId),
    queryFn: ({ signal }) => getAttachments(caseId, { signal }),
  });

export function useAttachments(caseId: string) {
  return useQuery(getAttachmentsQueryOptions(caseId));
}
