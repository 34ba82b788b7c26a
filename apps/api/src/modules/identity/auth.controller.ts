import { type Actor, type LoginInput, loginSchema, meSchema, PROBLEM_TYPES } from '@doorbraak/domain';
import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { type AuthenticatedRequest, CurrentActor, Public } from './auth.decorators';
import { clearSessionCookies, setSessionCookies } from './cookies';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password; sets the session and CSRF cookies.' })
  @ApiBody({ schema: openApiSchema(loginSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(meSchema) })
  async login(
    @ZodBody(loginSchema) input: LoginInput,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Actor> {
    const user = await this.sessions.findUserByEmail(input.email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !ok) {
      // One answer for unknown email and wrong password: which part was wrong is not told.
      throw new ProblemException(
        401,
        PROBLEM_TYPES.invalidCredentials,
        'Inloggen mislukt',
        'E-mailadres of wachtwoord onjuist.',
      );
    }
    // Session rotation: the session this browser had (if any) ends with the new login.
    if (request.sessionId) await this.sessions.revoke(request.sessionId);
    const session = await this.sessions.open(user.id, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    await this.db.getRepository(UserEntity).update({ id: user.id }, { lastLoginAt: new Date() });
    setSessionCookies(reply, session, this.config.session.cookieSecure);
    const resolved = await this.sessions.resolve(session.token);
    if (!resolved) throw new Error('A session that was just opened cannot be resolved');
    return resolved.actor;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'End the current session.' })
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (request.sessionId) await this.sessions.revoke(request.sessionId);
    clearSessionCookies(reply, this.config.session.cookieSecure);
  }

  @Get('me')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Who is logged in: user, role, organisation and scope.' })
  @ApiOkResponse({ schema: openApiResponseSchema(meSchema) })
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
