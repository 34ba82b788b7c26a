import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { deliveriesFailed, deliveriesSent } from '../modules/metrics/metrics';
import { OutboxService } from '../modules/notifications/outbox.service';
import { MAIL_QUEUE, SEND_ATTEMPTS, SEND_EMAIL_JOB, type SendEmailPayload } from './queue.constants';

/** The sender: one delivery per job, skipped when it was already sent (re-checked in Postgres). */
@Processor(MAIL_QUEUE, { concurrency: 64 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly db: DataSource,
  ) {
    super();
  }

  async process(job: Job<SendEmailPayload>): Promise<'sent' | 'skipped' | 'unconfirmed'> {
    if (job.name !== SEND_EMAIL_JOB)
      throw new Error(`No handler for job "${job.name}" on queue ${MAIL_QUEUE}`);
    // An earlier run of this same job has ended: it failed (a retry) or its worker died and BullMQ
    // moved the job back from `active` once the lock expired (stalledCounter). That run's claim is
    // stale. `sending`: its final "." was never written, so the server dropped the half-sent DATA —
    // release it, or the send would be skipped as "claimed" until the relay's two-minute re-queue.
    // `committing`: its "." was written — the server took it (unconfirmed), it is not sent again.
    // A run that stalled past its lock but lives on cannot send twice: its commit point needs its
    // own claim token (OutboxService.send).
    if (job.attemptsMade > 0 || job.stalledCounter > 0) {
      await this.db.query(
        `UPDATE deliveries
            SET status = CASE status WHEN 'sending' THEN 'queued' ELSE 'unconfirmed' END,
                last_error = CASE status WHEN 'sending' THEN last_error
                                         ELSE 'The sender stopped between the final "." and the reply' END
          WHERE id = $1 AND status IN ('sending', 'committing')`,
        [job.data.deliveryId],
      );
    }
    const result = await this.outbox.send(job.data.deliveryId);
    if (result === 'sent') deliveriesSent.inc();
    return result;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<SendEmailPayload> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? SEND_ATTEMPTS);
    deliveriesFailed.inc({ final: String(final) });
    this.logger.warn(
      { deliveryId: job.data.deliveryId, attempt: job.attemptsMade, final, err: error.message },
      'Send failed',
    );
    await this.outbox.recordFailure(job.data.deliveryId, error.message, final);
  }
}
