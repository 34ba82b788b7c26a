import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemException } from '../../common/problem.exception';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { type AuthenticatedRequest, Public } from '../identity/auth.decorators';
import { metricsAllowed, registry } from './metrics';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @Header('cache-control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary:
      'Prometheus metrics (text format). Allowed from loopback, with Authorization: Bearer <METRICS_TOKEN>, or for admins.',
  })
  async metrics(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const allowed = metricsAllowed(
      {
        remoteAddress: request.raw.socket.remoteAddress,
        headers: request.headers,
        isAdmin: request.actor?.role === 'admin',
      },
      this.config.metrics.token,
    );
    if (!allowed)
      throw ProblemException.forbidden(
        'Metrics zijn alleen bereikbaar vanaf loopback, met Authorization: Bearer <METRICS_TOKEN>, of voor beheerders.',
      );
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  }
}
