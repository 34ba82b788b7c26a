import type { MailboxMessage } from '@doorbraak/domain';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';

/** The id of a message's link in the table, so focus can go back to it when the message closes. */
export const messageLinkId = (id: string) => `mailbox-bericht-${id}`;

export function subjectOrPlaceholder(subject: string, placeholder: string): string {
  return subject.trim() ? subject : placeholder;
}

/** The received emails, newest first; each subject links to the message on the same page. */
export function MailboxTable({
  items,
  selectedId,
}: {
  items: readonly MailboxMessage[];
  selectedId: string | null;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mailbox-caption">
      <table className="table">
        <caption id="mailbox-caption" className="visually-hidden">
          {t('mailbox.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('mailbox.table.receivedAt')}</th>
            <th scope="col">{t('mailbox.table.to')}</th>
            <th scope="col">{t('mailbox.table.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((message) => {
            const isSelected = message.id === selectedId;
            return (
              <tr key={message.id} className={isSelected ? 'table__row--selected' : undefined}>
                <td className="nowrap">
                  <time dateTime={message.receivedAt}>{formatDateTime(message.receivedAt)}</time>
                </td>
                <td className="break-anywhere">{message.to.join(', ')}</td>
                <th scope="row" className="table__row-header">
                  <Link
                    id={messageLinkId(message.id)}
                    to={paths.mailbox.getHref(message.id)}
                    aria-current={isSelected ? 'true' : undefined}
                  >
                    {subjectOrPlaceholder(message.subject, t('mailbox.noSubject'))}
                  </Link>
                </th>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
