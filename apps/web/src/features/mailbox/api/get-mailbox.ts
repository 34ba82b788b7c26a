import { queryOptions, useQuery } from '@tanstack/react-query';
import { mailboxSchema, type Mailbox } from '@doorbraak/domain';
import { api } from '@/lib/api-client';

/** Query keys of the mailbox feature. */
export const mailboxKeys = {
  all: ['mailbox'] as const,
};

/** The emails the embedded SMTP catcher received, newest first (admins; 404 when SMTP_URL is set). */
export function getMailbox({ signal }: { signal?: AbortSignal } = {}): Promise<Mailbox> {
  return api.get('/dev/mailbox', mailboxSchema, { signal });
}

export const getMailboxQueryOptions = () =>
  queryOptions({
    queryKey: mailboxKeys.all,
    queryFn: ({ signal }) => getMailbox({ signal }),
    // New mail can arrive at any moment: ask again whenever the page opens.
    staleTime: 0,
  });

export function useMailbox({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getMailboxQueryOptions(), enabled });
}
