import type { Actor } from '@doorbraak/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { SecurityEventsService } from '../audit/security-events.service';
import type { AuthenticatedRequest } from './auth.decorators';
import { setSessionCookies } from './cookies';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

/** Opens a session after a successful login, the same way for a password and for OIDC. */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly events: SecurityEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async establish(
    userId: string,
    request: AuthenticatedRequest,
    reply: FastifyReply,
    method: 'password' | 'oidc',
  ): Promise<Actor> {
    // Session rotation: the session this browser had (if any) ends with the new login.
    const previous = request.sessionId ?? null;
    if (previous) await this.sessions.revoke(previous);
    const session = await this.sessions.open(userId, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    await this.db.getRepository(UserEntity).update({ id: userId }, { lastLoginAt: new Date() });
    setSessionCookies(reply, session, this.config.session.cookieSecure);
    const resolved = await this.sessions.resolve(session.token);
    if (!resolved) throw new Error('A session that was just opened cannot be resolved');
    request.sessionId = resolved.sessionId;
    request.actor = resolved.actor;
    await this.events.record(
      {
        type: 'login.succeeded',
        actor: { userId, label: resolved.actor.email },
        target: { type: 'user', id: userId },
        data: { method, rotated: previous !== null },
      },
      request,
    );
    return resolved.actor;
  }
}
