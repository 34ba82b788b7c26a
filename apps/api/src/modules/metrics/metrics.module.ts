import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { QueueMetricsService } from './queue-metrics.service';

/** GET /api/metrics and the queue counts (also used by /api/health/ready). */
@Module({
  controllers: [MetricsController],
  providers: [QueueMetricsService],
  exports: [QueueMetricsService],
})
export class MetricsModule {}
