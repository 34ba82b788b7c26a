import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { OutboxService } from '../modules/notifications/outbox.service';
import { MAIL_QUEUE, SEND_ATTEMPTS, SEND_EMAIL_JOB, type SendEmailPayload } from './queue.constants';

/** The sender: one delivery per job, skipped when it was already sent (re-checked in Postgres). */
@Processor(MAIL_QUEUE, { concurrency: 8 })
export class MailProcessor extends WorkerHost {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly outbox: OutboxService) {
    super();
  }

  async process(job: Job<SendEmailPayload>): Promise<'sent' | 'skipped'> {
    if (job.name !== SEND_EMAIL_JOB)
      throw new Error(`No handler for job "${job.name}" on queue ${MAIL_QUEUE}`);
    return this.outbox.send(job.data.deliveryId);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<SendEmailPayload> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? SEND_ATTEMPTS);
    this.logger.warn(
      { deliveryId: job.data.deliveryId, attempt: job.attemptsMade, final, err: error.message },
      'Send failed',
    );
    await this.outbox.recordFailure(job.data.deliveryId, error.message, final);
  }
}
