import { Controller, Get, Inject, Query, Redirect, Req, Res } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiQuery,
  ApiSeeOtherResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { rows } from '../../database/query';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { SecurityEventsService } from '../audit/security-events.service';
import { type AuthenticatedRequest, Public, RateLimit } from './auth.decorators';
import { OIDC_COOKIE, OIDC_COOKIE_PATH } from './cookies';
import { LoginService } from './login.service';
import { OIDC_STATE_TTL_MS, type OidcIdentity, OidcRefusal, OidcService } from './oidc.service';
import { SessionsService } from './sessions.service';

interface UserRow {
  id: string;
  email: string;
  role: string;
  organisation_id: string;
  active: boolean;
  oidc_subject: string | null;
}

/**
 * Single sign-on: GET /api/auth/oidc/login sends the browser to the identity provider;
 * GET /api/auth/oidc/callback checks what comes back and opens a session exactly like a
 * password login (rotation included). Every refusal is a problem+json and a security event.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly logins: LoginService,
    private readonly events: SecurityEventsService,
    private readonly db: DataSource,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @RateLimit('oidc')
  @Get('login')
  @Redirect('/', 302)
  @ApiOperation({
    summary:
      'Start single sign-on: redirects to the identity provider (authorization code + PKCE, state, nonce). 404 when OIDC is off.',
  })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path on this site to land on afterwards' })
  @ApiFoundResponse({ description: 'Location: the identity provider' })
  @ApiNotFoundResponse({ description: 'problem+json: OIDC is not configured' })
  @ApiTooManyRequestsResponse({ description: 'problem+json with Retry-After' })
  async login(
    @Query('returnTo') returnTo: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    try {
      const started = await this.oidc.start(returnTo ?? '/');
      void reply.setCookie(OIDC_COOKIE, started.state, {
        path: OIDC_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.session.cookieSecure,
        maxAge: OIDC_STATE_TTL_MS / 1000,
      });
      void reply.header('cache-control', 'no-store');
      return { url: started.url, statusCode: 302 };
    } catch (error) {
      throw await this.refused(error, request);
    }
  }

  @Public()
  @RateLimit('oidc')
  @Get('callback')
  @Redirect('/', 303)
  @ApiOperation({
    summary:
      'The identity provider returns here: checks state, PKCE and the ID token, maps role and organisation from the claims, opens a session and redirects into the app.',
  })
  @ApiSeeOtherResponse({ description: 'Location: the page to land on; session and CSRF cookies set' })
  @ApiUnauthorizedResponse({
    description: 'problem+json: state, code or ID token refused (audience, expiry, nonce, signature)',
  })
  @ApiForbiddenResponse({
    description: 'problem+json: unknown role or organisation in the claims, or the account is blocked',
  })
  @ApiNotFoundResponse({ description: 'problem+json: OIDC is not configured' })
  async callback(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    // The state cookie is single-use whatever happens next.
    void reply.clearCookie(OIDC_COOKIE, {
      path: OIDC_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.session.cookieSecure,
    });
    try {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const { identity, returnTo } = await this.oidc.finish(query, request.cookies?.[OIDC_COOKIE]);
      const userId = await this.provision(identity, request);
      await this.logins.establish(userId, request, reply, 'oidc');
      void reply.header('cache-control', 'no-store');
      return { url: returnTo, statusCode: 303 };
    } catch (error) {
      throw await this.refused(error, request);
    }
  }

  /** Records the refusal as a security event and turns it into a problem. */
  private async refused(error: unknown, request: AuthenticatedRequest): Promise<unknown> {
    if (!(error instanceof OidcRefusal)) return error;
    await this.events.record(
      {
        type: error.event,
        actor: {
          userId: null,
          label: typeof error.data.email === 'string' ? error.data.email : null,
        },
        data: { reason: error.reason, ...error.data },
      },
      request,
    );
    return error.toProblem();
  }

  /**
   * The user for an identity: the one linked to this subject; else an existing account with
   * this email that is not linked yet (linked now, unless the provider says the email is not
   * verified); else a new user. Name, role and organisation follow the provider on every login.
   */
  private async provision(identity: OidcIdentity, request: AuthenticatedRequest): Promise<string> {
    const userId = await this.db.transaction(async (manager) => {
      const bySubject: UserRow[] = await manager.query(
        `SELECT id, email, role, organisation_id, active, oidc_subject FROM users
          WHERE oidc_issuer = $1 AND oidc_subject = $2 FOR UPDATE`,
        [identity.issuer, identity.subject],
      );
      let user = bySubject[0];
      if (!user) {
        const byEmail: UserRow[] = await manager.query(
          `SELECT id, email, role, organisation_id, active, oidc_subject FROM users WHERE email = $1 FOR UPDATE`,
          [identity.email],
        );
        user = byEmail[0];
        if (user && user.oidc_subject !== null) {
          throw new OidcRefusal(
            403,
            'oidc.refused',
            'account-linked-elsewhere',
            'Dit e-mailadres hoort hier bij een ander account van de identiteitsprovider. Neem contact op met de beheerder.',
            { email: identity.email, subject: identity.subject },
          );
        }
        if (user && identity.emailVerified === false) {
          throw new OidcRefusal(
            403,
            'oidc.refused',
            'email-not-verified',
            'De identiteitsprovider heeft uw e-mailadres niet bevestigd; koppelen aan het bestaande account kan daarom niet.',
            { email: identity.email, subject: identity.subject },
          );
        }
      }
      if (user && !user.active) {
        throw new OidcRefusal(
          403,
          'oidc.refused',
          'account-inactive',
          'Uw account is geblokkeerd. Neem contact op met de beheerder.',
          { email: identity.email, subject: identity.subject },
        );
      }
      if (!user) {
        const created = await rows<{ id: string }>(
          manager,
          `INSERT INTO users (email, name, password_hash, role, organisation_id, oidc_issuer, oidc_subject)
           VALUES ($1, $2, NULL, $3, $4, $5, $6) RETURNING id`,
          [
            identity.email,
            identity.name,
            identity.role,
            identity.organisationId,
            identity.issuer,
            identity.subject,
          ],
        );
        const id = (created[0] as { id: string }).id;
        await this.events.record(
          {
            type: 'user.created',
            actor: { userId: null, label: identity.email },
            target: { type: 'user', id },
            data: {
              via: 'oidc',
              role: identity.role,
              organisationId: identity.organisationId,
              subject: identity.subject,
            },
          },
          request,
          manager,
        );
        return id;
      }
      const emailTaken: unknown[] =
        user.email === identity.email
          ? []
          : await manager.query(`SELECT 1 FROM users WHERE email = $1 AND id <> $2`, [
              identity.email,
              user.id,
            ]);
      await manager.query(
        `UPDATE users SET name = $2, role = $3, organisation_id = $4, oidc_issuer = $5, oidc_subject = $6,
                email = $7, updated_at = now() WHERE id = $1`,
        [
          user.id,
          identity.name,
          identity.role,
          identity.organisationId,
          identity.issuer,
          identity.subject,
          emailTaken.length > 0 ? user.email : identity.email,
        ],
      );
      if (user.oidc_subject === null) {
        await this.events.record(
          {
            type: 'user.oidc_linked',
            actor: { userId: user.id, label: identity.email },
            target: { type: 'user', id: user.id },
            data: { subject: identity.subject, issuer: identity.issuer },
          },
          request,
          manager,
        );
      }
      if (user.role !== identity.role || user.organisation_id !== identity.organisationId) {
        await this.events.record(
          {
            type: user.role !== identity.role ? 'user.role_changed' : 'user.organisation_changed',
            actor: { userId: user.id, label: identity.email },
            target: { type: 'user', id: user.id },
            data: {
              via: 'oidc',
              before: { role: user.role, organisationId: user.organisation_id },
              after: { role: identity.role, organisationId: identity.organisationId },
            },
          },
          request,
          manager,
        );
      }
      return user.id;
    });
    // Name, role and organisation follow the provider: other sessions of this user must see them.
    await this.sessions.changed();
    return userId;
  }
}
