import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../../common/problem.exception';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { SecurityEventsService } from '../audit/security-events.service';
import { RATE_LIMIT_KEY } from './auth.decorators';
import { EphemeralStore } from './ephemeral-store';

/**
 * The request rate limit of public endpoints (`@RateLimit(bucket)`): PUBLIC_RATE_LIMIT_PER_MINUTE
 * requests per client IP per minute and bucket, then 429 with Retry-After. Runs before the
 * session is looked up, so a flood never reaches the database.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: EphemeralStore,
    private readonly events: SecurityEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<string | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const limit = this.config.throttle.publicPerMinute;
    const counter = await this.limiter.hit(`rate-${bucket}`, request.ip, 60_000);
    if (counter.count > limit) {
      if (counter.count === limit + 1) {
        await this.events.record({ type: 'rate_limit.exceeded', data: { bucket, limit } }, request);
      }
      throw ProblemException.tooManyRequests(
        'Te veel verzoeken vanaf dit adres. Wacht even en probeer het opnieuw.',
        counter.resetMs / 1000,
      );
    }
    return true;
  }
}
