import type { MailboxMessage } from '@doorbraak/domain';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import { subjectOrPlaceholder } from './mailbox-table';

export const MESSAGE_TITLE_ID = 'mailbox-message-title';

/**
 * One email: its envelope as a description list and its plain text body. The HTML part is never
 * rendered (it is mail content from anywhere in the app); the text part says the same.
 */
export function MailboxMessageView({ message }: { message: MailboxMessage }) {
  const { t, formatDateTime } = useI18n();
  const subject = subjectOrPlaceholder(message.subject, t('mailbox.noSubject'));
  return (
    <section className="mail-message" aria-labelledby={MESSAGE_TITLE_ID}>
      <h2 id={MESSAGE_TITLE_ID} tabIndex={-1} className="mail-message__title">
        {subject}
      </h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t('mailbox.message.from')}</dt>
          <dd className="break-anywhere">{message.from}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('mailbox.message.to')}</dt>
          <dd className="break-anywhere">{message.to.join(', ')}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('mailbox.message.subject')}</dt>
          <dd>{subject}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('mailbox.message.receivedAt')}</dt>
          <dd>
            <time dateTime={message.receivedAt}>{formatDateTime(message.receivedAt)}</time>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>{t('mailbox.message.messageId')}</dt>
          <dd className="break-anywhere">
            {message.messageId ? <code>{message.messageId}</code> : t('mailbox.message.noMessageId')}
          </dd>
        </div>
      </dl>
      <h3 className="mail-message__body-title">{t('mailbox.message.text')}</h3>
      {message.text.trim() ? (
        <pre className="mail-text">{message.text}</pre>
      ) : (
        <p>{t('mailbox.message.noText')}</p>
      )}
      {message.html !== null ? <p className="mail-message__note">{t('mailbox.message.htmlNote')}</p> : null}
      <p>
        <Link to={paths.mailbox.getHref()}>{t('mailbox.message.close')}</Link>
      </p>
    </section>
  );
}
