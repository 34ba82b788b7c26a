import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { MailModule } from '../modules/mail/mail.module';
import { NotificationsModule } from '../modules/notifications/notifications.module';
import { redisConnectionOptions } from '../runtime/redis-discovery';
import type { Runtime } from '../runtime/runtime';
import { bullTelemetry } from '../tracing';
import { EnqueueService } from './enqueue.service';
import { MailProcessor } from './mail.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { MAIL_QUEUE, MAINTENANCE_QUEUE } from './queue.constants';

/** BullMQ on the discovered Redis. Workers and schedulers run only in the `all` and `worker` roles. */
@Module({})
export class QueueModule {
  static forRuntime(runtime: Runtime, options: { workers?: boolean } = {}): DynamicModule {
    const runsWorkers = options.workers ?? runtime.config.role !== 'api';
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRoot({
          connection: redisConnectionOptions(runtime.redis.url),
          prefix: runtime.redis.prefix,
          // Job spans (bullmq-otel) when tracing is on; nothing otherwise.
          ...bullTelemetry(),
        }),
        BullModule.registerQueue({ name: MAIL_QUEUE }, { name: MAINTENANCE_QUEUE }),
        MailModule,
        NotificationsModule,
      ],
      providers: [EnqueueService, ...(runsWorkers ? [MailProcessor, MaintenanceProcessor] : [])],
      exports: [EnqueueService, BullModule],
    };
  }
}
