import {
  type Actor,
  type Delivery,
  type DeliveryQuery,
  insideSendWindow,
  isResendableDelivery,
  PROBLEM_TYPES,
  RESENDABLE_DELIVERY_STATUSES,
} from '@doorbraak/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import type { AppConfig } from '../../config/config';
import { rows } from '../../database/query';
import { EnqueueService } from '../../queue/enqueue.service';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { auditAdminAction } from '../admin/admin-audit';
import { CalendarService } from '../deadlines/calendar.service';

interface DeliveryRow {
  id: string;
  kind: string;
  case_id: string | null;
  threshold: string | null;
  recipient_email: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS =
  'id, kind, case_id, threshold, recipient_email, status, attempts, last_error, created_at, sent_at';

function toDelivery(d: DeliveryRow): Delivery {
  return {
    id: d.id,
    kind: d.kind,
    caseId: d.case_id,
    threshold: d.threshold,
    recipientEmail: d.recipient_email,
    status: d.status,
    attempts: d.attempts,
    lastError: d.last_error,
    createdAt: new Date(d.created_at).toISOString(),
    sentAt: d.sent_at ? new Date(d.sent_at).toISOString() : null,
  };
}

/** The outbox for admins: list it, and send an unconfirmed or failed email again. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly enqueue: EnqueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: DeliveryQuery): Promise<{ items: Delivery[] }> {
    const found: DeliveryRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM deliveries WHERE ($1::varchar IS NULL OR status = $1)
        ORDER BY created_at DESC, id LIMIT $2`,
      [query.status ?? null, query.limit],
    );
    return { items: found.map(toDelivery) };
  }

  /**
   * Sends one `unconfirmed` or `failed` delivery again, through the outbox like any other: the
   * row goes back to `queued` (inside the send window; else `pending`, for the relay when the
   * window opens) in one transaction with the audit record of who asked, and only after that
   * commits is the send-email job added (jobId = delivery id, as the relay does; a job lost here
   * is queued again by the relay after two minutes). The sender then claims it as usual: a second
   * request finds it no longer resendable (409), so one resend is one more email.
   */
  async resend(actor: Actor, id: string, now = new Date()): Promise<Delivery> {
    if (!isUuid(id)) throw ProblemException.notFound('E-mail niet gevonden.');
    const calendar = await this.calendars.calendar();
    const queueNow = insideSendWindow(now, this.config.mail.sendWindow, calendar);
    const delivery = await this.db.transaction(async (manager) => {
      const [before] = await rows<DeliveryRow>(
        manager,
        `SELECT ${COLUMNS} FROM deliveries WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!before) throw ProblemException.notFound('E-mail niet gevonden.');
      if (!isResendableDelivery(before.status)) {
        throw new ProblemException(
          409,
          `${PROBLEM_TYPES.conflict}/delivery-not-resendable`,
          'Niet opnieuw te versturen',
          `Deze e-mail heeft de status "${before.status}". Alleen ${RESENDABLE_DELIVERY_STATUSES.join(' en ')} e-mails kunnen opnieuw worden verstuurd.`,
        );
      }
      const [after] = await rows<DeliveryRow>(
        manager,
        `UPDATE deliveries SET status = $2, enqueued_at = COALESCE($3::timestamptz, enqueued_at),
                last_error = NULL, sent_at = NULL
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, queueNow ? 'queued' : 'pending', queueNow ? now : null],
      );
      if (!after) throw new Error('Delivery resend returned no row');
      await auditAdminAction(
        manager,
        actor,
        'delivery.resent',
        { type: 'delivery', id },
        {
          before: { status: before.status, attempts: before.attempts, lastError: before.last_error },
          after: { status: after.status },
        },
      );
      return after;
    });
    if (delivery.status === 'queued') await this.enqueue.deliver(delivery.id);
    return toDelivery(delivery);
  }
}
