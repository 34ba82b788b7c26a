import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MAIL_QUEUE, SEND_EMAIL_JOB, type SendEmailPayload } from './queue.constants';

/** Adds jobs, always awaited (an unawaited add silently loses jobs). */
@Injectable()
export class EnqueueService {
  constructor(@InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue<SendEmailPayload>) {}

  /** `jobId` makes the add idempotent: a second add with the same id is a no-op while the job exists. */
  async sendEmail(jobId: string, payload: SendEmailPayload): Promise<void> {
    await this.mailQueue.add(SEND_EMAIL_JOB, payload, {
      jobId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async mailQueueCounts(): Promise<Record<string, number>> {
    return this.mailQueue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  }
}
