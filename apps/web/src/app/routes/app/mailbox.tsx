import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { Loading } from '@/components/ui/loading';
import { useMailbox } from '@/features/mailbox/api/get-mailbox';
import { MailboxMessageView, MESSAGE_TITLE_ID } from '@/features/mailbox/components/mailbox-message';
import {
  MailboxTable,
  messageLinkId,
  subjectOrPlaceholder,
} from '@/features/mailbox/components/mailbox-table';
import { isApiError } from '@/lib/api-client';
import { canViewMailbox } from '@/lib/authorization';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import { useCurrentUser } from './current-user';

const MESSAGE_PARAM = 'bericht';

/**
 * Opening a message moves focus to its heading; closing it (or going back) returns focus to the
 * message's link in the table. The page itself keeps its path, so PageHeading does not move focus.
 */
function useMessageFocus(selectedId: string | null) {
  const previous = useRef(selectedId);
  useEffect(() => {
    const before = previous.current;
    previous.current = selectedId;
    if (before === selectedId) return;
    if (selectedId) document.getElementById(MESSAGE_TITLE_ID)?.focus();
    else if (before) document.getElementById(messageLinkId(before))?.focus();
  }, [selectedId]);
}

export default function MailboxRoute() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const isAdmin = canViewMailbox(me.role);
  const [searchParams] = useSearchParams();
  const selectedId = searchParams.get(MESSAGE_PARAM);
  const mailboxQuery = useMailbox({ enabled: isAdmin });
  const items = mailboxQuery.data?.items;
  const selected = selectedId ? items?.find((item) => item.id === selectedId) : undefined;
  useMessageFocus(selected ? selected.id : null);

  const title = selected
    ? `${subjectOrPlaceholder(selected.subject, t('mailbox.noSubject'))} – ${t('mailbox.title')}`
    : t('mailbox.title');
  const header = (
    <>
      <DocumentTitle title={title} />
      <PageHeading>{t('mailbox.title')}</PageHeading>
    </>
  );

  if (!isAdmin || isApiError(mailboxQuery.error, 403)) {
    return (
      <div className="narrow">
        {header}
        <p>{t('mailbox.forbidden')}</p>
      </div>
    );
  }

  if (isApiError(mailboxQuery.error, 404)) {
    return (
      <div className="narrow">
        {header}
        <Alert type="info">{t('mailbox.disabled')}</Alert>
      </div>
    );
  }

  const { isFetching, isPending } = mailboxQuery;
  const count = items?.length ?? 0;
  const countText =
    count === 0 ? t('mailbox.empty') : count === 1 ? t('mailbox.count.one') : t('mailbox.count', { count });

  return (
    <>
      {header}
      <p className="narrow">{t('mailbox.intro')}</p>
      {isPending ? (
        <Loading label={t('mailbox.loading')} />
      ) : !items ? (
        <Alert>{describeRequestError(mailboxQuery.error, t)}</Alert>
      ) : (
        <>
          <div className="mailbox-toolbar">
            <Button
              variant="secondary"
              onClick={() => {
                if (!isFetching) void mailboxQuery.refetch();
              }}
            >
              {t('mailbox.refresh')}
            </Button>
            <p role="status" className="result-count mailbox-toolbar__status">
              {isFetching ? t('mailbox.refreshing') : countText}
            </p>
          </div>
          {mailboxQuery.isError ? <Alert>{describeRequestError(mailboxQuery.error, t)}</Alert> : null}
          {items.length > 0 ? <MailboxTable items={items} selectedId={selectedId} /> : null}
          {selectedId && !selected ? <Alert type="info">{t('mailbox.message.notFound')}</Alert> : null}
          {selected ? <MailboxMessageView message={selected} /> : null}
        </>
      )}
    </>
  );
}
