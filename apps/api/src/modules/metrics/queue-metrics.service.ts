import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MAIL_QUEUE, MAINTENANCE_QUEUE } from '../../queue/queue.constants';
import { addQueueSource, type QueueCounts } from './metrics';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Job counts of every queue: for the Prometheus gauge and the readiness details. */
@Injectable()
export class QueueMetricsService implements OnModuleInit, OnModuleDestroy {
  private unregister: (() => void) | null = null;

  constructor(
    @InjectQueue(MAIL_QUEUE) private readonly mail: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly maintenance: Queue,
  ) {}

  async counts(): Promise<QueueCounts> {
    const result: QueueCounts = {};
    for (const queue of [this.mail, this.maintenance])
      result[queue.name] = await queue.getJobCounts(...STATES);
    return result;
  }

  onModuleInit(): void {
    this.unregister = addQueueSource(() => this.counts());
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }
}
