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

@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
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
  @ApiOperation({ summary: 'Readiness: the database and Redis answer (503 problem+json when not).' })
  async ready() {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3_000 }),
        () => this.redisCheck(),
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

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
