import { timingSafeEqual } from 'node:crypto';
import { type Role, PROBLEM_TYPES } from '@doorbraak/domain';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '../../common/problem.exception';
import { type AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { CSRF_HEADER, SESSION_COOKIE } from './cookies';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The one authorization gate in front of every route: resolves the session into an actor,
 * refuses anonymous access unless the route is @Public(), enforces the CSRF token on every
 * state-changing request, and checks @Roles(). Row-level scope is applied in the queries.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;

    const token = request.cookies?.[SESSION_COOKIE];
    const session = token ? await this.sessions.resolve(token) : null;
    if (session) {
      request.actor = session.actor;
      request.sessionId = session.sessionId;
    }
    if (isPublic) return true;
    if (!session) throw ProblemException.unauthenticated();

    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
        throw new ProblemException(
          403,
          PROBLEM_TYPES.forbidden,
          'CSRF-controle mislukt',
          `Stuur de waarde van de cookie doorbraak_csrf mee in de header ${CSRF_HEADER}.`,
        );
      }
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(session.actor.role)) {
      throw ProblemException.forbidden('Uw rol mag deze actie niet uitvoeren.');
    }
    return true;
  }
}
