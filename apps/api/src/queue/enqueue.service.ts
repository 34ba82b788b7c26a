import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MAIL_QUEUE, SEND_ATTEMPTS, SEND_EMAIL_JOB, type SendEmailPayload } from './queue.constants';

/** Adds jobs, always awaited (an unawaited add silently loses jobs). */
@Injectable()
export class EnqueueService {
  constructor(@InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue<SendEmailPayload>) {}

  /**
   * jobId = delivery id: adding the same delivery twice is a no-op while its job waits or runs.
   * The relay only calls this for deliveries Postgres still holds unsent, so a finished job under
   * that id is stale (a run that found the delivery claimed by a worker that was then killed, or
   * a job failed by BullMQ's stalled check): it is removed, or the delivery would never go out.
   */
  async deliver(deliveryId: string): Promise<void> {
    const state = await this.mailQueue.getJobState(deliveryId);
    if (state === 'completed' || state === 'failed') await this.mailQueue.remove(deliveryId);
    await this.mailQueue.add(
      SEND_EMAIL_JOB,
      { deliveryId },
      {
        jobId: deliveryId,
        attempts: SEND_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  async mailQueueCounts(): Promise<Record<string, number>> {
    return this.mailQueue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  }
}
