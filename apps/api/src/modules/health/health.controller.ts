import { Controller, Get, Inject, type OnModuleDestroy } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckError,
  HealthCheckService,
  type HealthIndicatorResult,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { PROBLEM_TYPES } from '@doorbraak/domain';
import Redis from 'ioredis';
import { ProblemException } from '../../common/problem.exception';
import { redisConnectionOptions } from '../../runtime/redis-discovery';
import type { Runtime } from '../../runtime/runtime';
import { RUNTIME } from '../../runtime/runtime.tokens';
import { Public } from '../identity/auth.decorators';
import { QueueMetricsService } from '../metrics/queue-metrics.service';

@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queues: QueueMetricsService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.redis = new Redis({
      ...redisConnectionOptions(runtime.redis.url),
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: the database and Redis answer (503 problem+json when not); details list the jobs per queue and state.',
  })
  async ready() {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3_000 }),
        () => this.redisCheck(),
        () => this.queueCheck(),
      ]);
    } catch (error) {
      const response = (error as { response?: { error?: Record<string, unknown> } }).response;
      const failing = Object.keys(response?.error ?? {}).join(', ') || 'unknown';
      throw new ProblemException(
        503,
        PROBLEM_TYPES.unavailable,
        'Tijdelijk niet beschikbaar',
        `Niet bereikbaar: ${failing}.`,
      );
    }
  }

  private async redisCheck(): Promise<HealthIndicatorResult> {
    try {
      if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
      const pong = await this.redis.ping();
      if (pong !== 'PONG') throw new Error(pong);
      return { redis: { status: 'up' } };
    } catch (error) {
      throw new HealthCheckError('Redis unavailable', { redis: { status: 'down', message: String(error) } });
    }
  }

  /** Informational: waiting/active/delayed/failed per queue. Only Redis being down fails readiness. */
  private async queueCheck(): Promise<HealthIndicatorResult> {
    try {
      const counts = await this.queues.counts();
      const pick = (c: Record<string, number>) => ({
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
      });
      return {
        queues: {
          status: 'up',
          ...Object.fromEntries(Object.entries(counts).map(([name, c]) => [name, pick(c)])),
        },
      };
    } catch (error) {
      throw new HealthCheckError('Queues unavailable', {
        queues: { status: 'down', message: String(error) },
      });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
