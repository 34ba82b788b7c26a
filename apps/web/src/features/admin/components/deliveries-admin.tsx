import { useState } from 'react';
import {
  DELIVERY_STATUSES,
  isDeliveryStatus,
  isResendableDelivery,
  type Delivery,
  type DeliveryStatus,
} from '@doorbraak/domain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/form';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { useDeliveries } from '../api/get-deliveries';
import { useResendDelivery } from '../api/resend-delivery';
import { AdminQuery } from './admin-list';
import { AdminTable } from './admin-table';

const KINDS = ['reminder', 'proposal', 'digest', 'extension'] as const;

function kindLabel(kind: string): MessageKey | null {
  return (KINDS as readonly string[]).includes(kind) ? (`admin.deliveries.kind.${kind}` as MessageKey) : null;
}

/** The status in words; unconfirmed and failed also in bold, with what it means. */
function StatusCell({ delivery }: { delivery: Delivery }) {
  const { t } = useI18n();
  if (!isDeliveryStatus(delivery.status)) return <td>{delivery.status}</td>;
  const label = t(`admin.deliveries.status.${delivery.status}`);
  if (isResendableDelivery(delivery.status)) {
    return (
      <td>
        <strong className="tag tag--warning">{label}</strong>
        <span className="form-field__hint checkbox__hint">
          {t(`admin.deliveries.status.${delivery.status}.hint`)}
        </span>
      </td>
    );
  }
  return <td>{label}</td>;
}

function ResendButton({
  delivery,
  busy,
  onResend,
}: {
  delivery: Delivery;
  busy: boolean;
  onResend: (delivery: Delivery) => void;
}) {
  const { t } = useI18n();
  return (
    <Button
      variant="secondary"
      isBusy={busy}
      busyText={t('admin.deliveries.resending')}
      onClick={() => onResend(delivery)}
    >
      {t('admin.deliveries.resend')}
      <span className="visually-hidden">
        {' '}
        {t('admin.deliveries.resend.to', { email: delivery.recipientEmail })}
      </span>
    </Button>
  );
}

/**
 * The email outbox for admins (GET /api/admin/deliveries), newest first, to narrow by status. An
 * unconfirmed email (the server probably took it, but its reply was never recorded) or a failed
 * one can be sent again: it goes back into the outbox and the worker sends it
 * (POST …/{id}/resend); the message after it takes focus, since the button is gone then.
 */
export function DeliveriesAdmin() {
  const { t, formatDateTime } = useI18n();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const query = useDeliveries(status);
  const resend = useResendDelivery();
  const [message, setMessage] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const columns = [
    { key: 'createdAt', label: t('admin.deliveries.createdAt') },
    { key: 'recipient', label: t('admin.deliveries.recipient') },
    { key: 'kind', label: t('admin.deliveries.kind') },
    { key: 'status', label: t('admin.deliveries.status') },
    { key: 'attempts', label: t('admin.deliveries.attempts'), numeric: true },
    { key: 'lastError', label: t('admin.deliveries.lastError') },
  ];

  const onResend = (delivery: Delivery) => {
    setMessage(null);
    resend.mutate(delivery.id, {
      onSuccess: () =>
        setMessage({ type: 'info', text: t('admin.deliveries.resent', { email: delivery.recipientEmail }) }),
      onError: (error) => setMessage({ type: 'error', text: describeRequestError(error, t) }),
    });
  };

  return (
    <>
      {message ? (
        <Alert type={message.type} focus>
          {message.text}
        </Alert>
      ) : null}
      <div className="admin-filters">
        <SelectField
          id="deliveries-status"
          label={t('admin.deliveries.filter')}
          value={status}
          placeholder={t('admin.deliveries.filter.all')}
          options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`admin.deliveries.status.${s}`) }))}
          onChange={(event) => setStatus(isDeliveryStatus(event.target.value) ? event.target.value : '')}
        />
      </div>
      <AdminQuery query={query}>
        {(deliveries) =>
          deliveries.length === 0 ? (
            <p>{t('admin.deliveries.none')}</p>
          ) : (
            <AdminTable id="deliveries" caption={t('admin.deliveries.caption')} columns={columns}>
              {deliveries.map((delivery) => {
                const kind = kindLabel(delivery.kind);
                return (
                  <tr key={delivery.id}>
                    <th scope="row" className="table__row-header nowrap">
                      <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
                    </th>
                    <td>{delivery.recipientEmail}</td>
                    <td>{kind ? t(kind) : delivery.kind}</td>
                    <StatusCell delivery={delivery} />
                    <td className="numeric">{delivery.attempts}</td>
                    <td className="prewrap">{delivery.lastError ?? t('admin.none')}</td>
                    <td>
                      {isResendableDelivery(delivery.status) ? (
                        <ResendButton
                          delivery={delivery}
                          busy={resend.isPending && resend.variables === delivery.id}
                          onResend={onResend}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </AdminTable>
          )
        }
      </AdminQuery>
    </>
  );
}
