import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { deliveriesFailed, deliveriesSent } from '../modules/metrics/metrics';
import { OutboxService } from '../modules/notifications/outbox.service';
import { MAIL_QUEUE, SEND_ATTEMPTS, SEND_EMAIL_JOB, type SendEmailPayload } from './queue.constants';

/** The sender: one delivery per job, skipped when it was already sent (re-checked in Postgres). */
@Processor(MAIL_QUEUE, { concurrency: 8 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(
    private readonly outbox: OutboxService,
    private readonly db: DataSource,
  ) {
    super();
  }

  async process(job: Job<SendEmailPayload>): Promise<'sent' | 'skipped'> {
    if (job.name !== SEND_EMAIL_JOB)
      throw new Error(`No handler for job "${job.name}" on queue ${MAIL_QUEUE}`);
    // An earlier run of this same job has ended: it failed (a retry) or its worker died and BullMQ
    // moved the job back from `active` once the lock expired (stalledCounter). That run's claim
    // (`sending`) is stale: release it, or the send would be skipped as "claimed" and the delivery
    // would wait for the relay's two-minute re-queue (and a retry would never really retry).
    // Only a worker that stalled past its lock but lives on can then send twice (same Message-ID).
    if (job.attemptsMade > 0 || job.stalledCounter > 0) {
      await this.db.query(`UPDATE deliveries SET status = 'queued' WHERE id = $1 AND status = 'sending'`, [
        job.data.deliveryId,
      ]);
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
