import {
  type Actor,
  type AuthMethods,
  authMethodsSchema,
  DOMAIN_MESSAGES,
  type FieldError,
  type LoginInput,
  loginSchema,
  meSchema,
  type PasswordChangeInput,
  passwordChangeSchema,
  pickLanguage,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ProblemException } from '../../common/problem.exception';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { SecurityEventsService } from '../audit/security-events.service';
import { type AuthenticatedRequest, CurrentActor, Public, RateLimit } from './auth.decorators';
import { clearSessionCookies, setSessionCookies } from './cookies';
import { LoginService } from './login.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { UserEntity } from './user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
    private readonly logins: LoginService,
    private readonly throttle: LoginThrottleService,
    private readonly events: SecurityEventsService,
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('methods')
  @ApiOperation({ summary: 'How one can log in here: password, and OIDC when an identity provider is set.' })
  @ApiOkResponse({ schema: openApiResponseSchema(authMethodsSchema) })
  methods(): AuthMethods {
    return {
      password: true,
      oidc: this.config.oidc !== null,
      oidcLoginUrl: this.config.oidc ? '/api/auth/oidc/login' : null,
    };
  }

  @Public()
  @RateLimit('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log in with email and password; sets the session and CSRF cookies. 429 with Retry-After after too many failures.',
  })
  @ApiBody({ schema: openApiSchema(loginSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(meSchema) })
  @ApiUnauthorizedResponse({
    description: 'problem+json: email or password wrong (the same answer for both)',
  })
  @ApiTooManyRequestsResponse({ description: 'problem+json with Retry-After: too many failed logins' })
  async login(
    @ZodBody(loginSchema) input: LoginInput,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Actor> {
    const email = input.email.toLowerCase();
    await this.throttle.assertAllowed(email, request);
    const user = await this.sessions.findUserByEmail(email);
    const ok = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, request, user?.id ?? null);
      await this.events.record(
        {
          type: 'login.failed',
          actor: { userId: user?.id ?? null, label: email },
          ...(user ? { target: { type: 'user', id: user.id } } : {}),
          data: { method: 'password', reason: user ? 'wrong-password' : 'unknown-account' },
        },
        request,
      );
      // One answer for unknown email and wrong password: which part was wrong is not told.
      throw new ProblemException(
        401,
        PROBLEM_TYPES.invalidCredentials,
        'Inloggen mislukt',
        'E-mailadres of wachtwoord onjuist.',
      );
    }
    await this.throttle.recordSuccess(email);
    return this.logins.establish(user.id, request, reply, 'password');
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

  @Post('password')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({
    summary:
      'Change your own password (current and new). Ends your other sessions and rotates this one. 400 with field errors.',
  })
  @ApiBody({ schema: openApiSchema(passwordChangeSchema) })
  @ApiNoContentResponse({ description: 'changed; new session and CSRF cookies are set' })
  @ApiBadRequestResponse({
    description: 'problem+json with field errors: current password wrong, new one too short or common',
  })
  @ApiTooManyRequestsResponse({
    description: 'problem+json with Retry-After: too many wrong current passwords',
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @ZodBody(passwordChangeSchema) input: PasswordChangeInput,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const language = pickLanguage(request.headers['accept-language']);
    const invalid = (errors: FieldError[]) =>
      ProblemException.validation(
        errors,
        language === 'en' ? 'The body is invalid.' : 'De invoer is ongeldig.',
      );
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: actor.userId });
    if (!user?.passwordHash) {
      throw invalid([
        {
          field: 'currentPassword',
          code: 'no_password',
          message:
            language === 'en'
              ? 'You log in through your organisation; there is no password to change here.'
              : 'U logt in via uw organisatie; hier is geen wachtwoord om te wijzigen.',
        },
      ]);
    }
    await this.throttle.assertAllowed(actor.email, request);
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      await this.throttle.recordFailure(actor.email, request, actor.userId);
      await this.events.record(
        {
          type: 'password.change_failed',
          actor: { userId: actor.userId, label: actor.email },
          target: { type: 'user', id: actor.userId },
          data: { reason: 'wrong-current-password' },
        },
        request,
      );
      throw invalid([
        {
          field: 'currentPassword',
          code: 'wrong',
          message: DOMAIN_MESSAGES['password.currentWrong'][language],
        },
      ]);
    }
    const errors = this.passwords.policyErrors(input.newPassword, actor.email, 'newPassword', language);
    if (input.newPassword === input.currentPassword) {
      errors.push({
        field: 'newPassword',
        code: 'unchanged',
        message: DOMAIN_MESSAGES['password.sameAsCurrent'][language],
      });
    }
    if (errors.length > 0) throw invalid(errors);
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.db.getRepository(UserEntity).update({ id: actor.userId }, { passwordHash });
    // A new password ends every other session, and this one is rotated.
    const ended = await this.sessions.revokeAllOf(actor.userId, request.sessionId ?? null);
    if (request.sessionId) await this.sessions.revoke(request.sessionId);
    const session = await this.sessions.open(actor.userId, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookies(reply, session, this.config.session.cookieSecure);
    await this.events.record(
      {
        type: 'password.changed',
        actor: { userId: actor.userId, label: actor.email },
        target: { type: 'user', id: actor.userId },
        data: { otherSessionsEnded: ended },
      },
      request,
    );
  }
}
