import type { Actor, Role } from '@doorbraak/domain';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const PUBLIC_KEY = 'doorbraak:public';
export const ROLES_KEY = 'doorbraak:roles';
export const RATE_LIMIT_KEY = 'doorbraak:rate-limit';

/** The route needs no session (login, health). Every other route does. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Public endpoints: at most PUBLIC_RATE_LIMIT_PER_MINUTE requests per client IP per minute in this bucket (429). */
export const RateLimit = (bucket: 'login' | 'oidc' | 'links') => SetMetadata(RATE_LIMIT_KEY, bucket);

/** Only these roles may call the route; others get 403 (the route's existence is public in OpenAPI). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest extends FastifyRequest {
  actor?: Actor;
  sessionId?: string;
}

/** The actor behind the request (set by the AuthGuard). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('CurrentActor used on a public route');
  return request.actor;
});
