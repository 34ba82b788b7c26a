import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { AppConfig } from '../config/config';
import { OutboxService } from '../modules/notifications/outbox.service';
import { APP_CONFIG } from '../runtime/runtime.tokens';
import { DIGEST_JOB, MAINTENANCE_QUEUE, SWEEP_JOB } from './queue.constants';

/**
 * Runs the sweeper (every 30 s by default: SWEEP_INTERVAL_SECONDS) and the digest (08:00 Amsterdam, weekdays) from BullMQ job
 * schedulers. The schedulers live in Redis, so this worker re-registers them every sweep interval:
 * after a FLUSHALL they come back by themselves, and the sweep rebuilds the rest from Postgres.
 */
@Processor(MAINTENANCE_QUEUE, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly outbox: OutboxService,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.registerSchedulers();
    // One sweep right away, so reminders that fell due while nothing ran go out at start.
    await this.queue.add(SWEEP_JOB, {}, { removeOnComplete: 100, removeOnFail: 100 });
    this.timer = setInterval(() => {
      this.registerSchedulers().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Could not register schedulers'),
      );
    }, this.config.worker.sweepIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async registerSchedulers(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SWEEP_JOB,
      { every: this.config.worker.sweepIntervalMs },
      { name: SWEEP_JOB, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.queue.upsertJobScheduler(
      DIGEST_JOB,
      { pattern: '0 8 * * 1-5', tz: 'Europe/Amsterdam' },
      { name: DIGEST_JOB, opts: { removeOnComplete: 30, removeOnFail: 30 } },
    );
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SWEEP_JOB: {
        const swept = await this.outbox.sweep();
        const relayed = await this.outbox.relay();
        if (swept.deliveries > 0 || relayed > 0) this.logger.log({ ...swept, relayed }, 'Swept');
        return { ...swept, relayed };
      }
      case DIGEST_JOB: {
        const digests = await this.outbox.digest();
        const relayed = await this.outbox.relay();
        return { digests, relayed };
      }
      default:
        throw new Error(`No handler for job "${job.name}" on queue ${MAINTENANCE_QUEUE}`);
    }
  }
}
