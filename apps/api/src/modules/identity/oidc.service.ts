import { timingSafeEqual } from 'node:crypto';
import { isRole, PROBLEM_TYPES, type Role } from '@doorbraak/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/ids';
import { ProblemException } from '../../common/problem.exception';
import type { AppConfig } from '../../config/config';
import { APP_CONFIG } from '../../runtime/runtime.tokens';
import { EphemeralStore } from './ephemeral-store';

/** openid-client 6 is ESM-only: loaded once with a dynamic import from the CommonJS build. */
const loadOpenIdClient = () => import('openid-client');
type OpenIdClient = Awaited<ReturnType<typeof loadOpenIdClient>>;
type Configuration = Awaited<ReturnType<OpenIdClient['discovery']>>;

const STATE_BUCKET = 'oidc-state';
/** How long a started login may take at the identity provider. */
export const OIDC_STATE_TTL_MS = 10 * 60_000;

interface PendingLogin {
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** A refusal of an OIDC login: the HTTP answer and the security event it leaves. */
export class OidcRefusal extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly event: string,
    readonly reason: string,
    readonly detail: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'OidcRefusal';
  }

  toProblem(): ProblemException {
    return new ProblemException(
      this.status,
      this.status === 403
        ? PROBLEM_TYPES.forbidden
        : this.status === 503
          ? PROBLEM_TYPES.unavailable
          : PROBLEM_TYPES.oidcFailed,
      this.status === 403
        ? 'Geen toegang'
        : this.status === 503
          ? 'Tijdelijk niet beschikbaar'
          : 'Inloggen mislukt',
      this.detail,
    );
  }
}

/** What the identity provider says about the person, after every check passed. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean | null;
  name: string;
  role: Role;
  organisationId: string;
  organisationName: string;
}

/**
 * What went wrong, for the security event: the error code and the messages along the cause
 * chain (openid-client wraps oauth4webapi's, which names the claim: aud, exp, nonce, iss).
 * Never the tokens themselves.
 */
export function describeError(error: unknown): Record<string, unknown> {
  const messages: string[] = [];
  let code: string | null = null;
  let claim: string | null = null;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const e = current as {
      code?: unknown;
      error?: unknown;
      message?: unknown;
      claim?: unknown;
      cause?: unknown;
    };
    if (typeof e.message === 'string') messages.push(e.message.slice(0, 300));
    code ??= typeof e.code === 'string' ? e.code : typeof e.error === 'string' ? e.error : null;
    claim ??= typeof e.claim === 'string' ? e.claim : null;
    current = e.cause;
  }
  return { code, claim, message: messages.join(' | ') };
}

/** A relative path on this site (no scheme, no host, no `//`): the only kind of returnTo followed. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,499}$/.test(value) ? value : '/';
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * OpenID Connect login (authorization code + PKCE + state + nonce) against one identity
 * provider configured by environment. The state is bound twice: to the browser (an http-only
 * cookie holding it) and to a one-time server-side record in Redis, keyed by the state's hash,
 * that holds the nonce and the PKCE verifier for ten minutes and is deleted when read (a
 * replayed callback finds nothing).
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private library: Promise<OpenIdClient> | null = null;
  private configuration: Promise<Configuration> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly store: EphemeralStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  private settings(): NonNullable<AppConfig['oidc']> {
    if (!this.config.oidc) throw ProblemException.notFound('Inloggen via een identiteitsprovider staat uit.');
    return this.config.oidc;
  }

  private client(): Promise<OpenIdClient> {
    this.library ??= loadOpenIdClient();
    return this.library;
  }

  /** The provider's metadata, discovered once (and again after a failure). */
  private discover(): Promise<Configuration> {
    if (!this.configuration) {
      const settings = this.settings();
      const attempt = (async () => {
        const lib = await this.client();
        const insecure = new URL(settings.issuer).protocol === 'http:';
        return lib.discovery(
          new URL(settings.issuer),
          settings.clientId,
          settings.clientSecret ?? undefined,
          settings.clientSecret ? lib.ClientSecretBasic(settings.clientSecret) : lib.None(),
          // http:// issuers only outside production (config refuses them there): the test provider, a local Keycloak.
          insecure ? { execute: [lib.allowInsecureRequests] } : undefined,
        );
      })();
      this.configuration = attempt;
      attempt.catch((error: unknown) => {
        this.logger.warn({ err: error }, 'OIDC discovery failed');
        this.configuration = null;
      });
    }
    return this.configuration;
  }

  /** Starts a login: the provider's authorization URL and the state for the browser cookie. */
  async start(returnTo: string): Promise<{ url: string; state: string }> {
    const settings = this.settings();
    const lib = await this.client();
    let configuration: Configuration;
    try {
      configuration = await this.discover();
    } catch {
      throw new OidcRefusal(
        503,
        'oidc.failed',
        'discovery',
        'De identiteitsprovider is niet bereikbaar. Probeer het later opnieuw.',
      );
    }
    const state = lib.randomState();
    const pending: PendingLogin = {
      nonce: lib.randomNonce(),
      codeVerifier: lib.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(returnTo),
    };
    await this.store.put(STATE_BUCKET, state, JSON.stringify(pending), OIDC_STATE_TTL_MS);
    const url = lib.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state,
      nonce: pending.nonce,
      code_challenge: await lib.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state };
  }

  /**
   * Completes a login from the callback's query string: state (cookie and record), code
   * exchange with PKCE, ID token (signature, issuer, audience, expiry, nonce), then the role and
   * organisation claims. Throws OidcRefusal; never returns a partly checked identity.
   */
  async finish(
    query: string,
    cookieState: string | undefined,
  ): Promise<{ identity: OidcIdentity; returnTo: string }> {
    const settings = this.settings();
    const params = new URLSearchParams(query);
    const state = params.get('state');
    if (!state || state.length > 200) {
      throw new OidcRefusal(
        401,
        'oidc.failed',
        'state-missing',
        'De inlogpoging is ongeldig (geen state). Begin opnieuw.',
      );
    }
    if (!cookieState || !sameString(cookieState, state)) {
      throw new OidcRefusal(
        401,
        'oidc.failed',
        'state-mismatch',
        'Deze inlogpoging hoort niet bij deze browser. Begin opnieuw met inloggen.',
      );
    }
    let pending: PendingLogin | null = null;
    try {
      const raw = await this.store.take(STATE_BUCKET, state);
      pending = raw ? (JSON.parse(raw) as PendingLogin) : null;
    } catch (error) {
      this.logger.warn({ err: error }, 'OIDC state store unavailable');
    }
    if (!pending) {
      throw new OidcRefusal(
        401,
        'oidc.failed',
        'state-unknown',
        'Deze inlogpoging is verlopen of al gebruikt. Begin opnieuw met inloggen.',
      );
    }
    const lib = await this.client();
    let configuration: Configuration;
    try {
      configuration = await this.discover();
    } catch {
      throw new OidcRefusal(
        503,
        'oidc.failed',
        'discovery',
        'De identiteitsprovider is niet bereikbaar. Probeer het later opnieuw.',
      );
    }
    const callbackUrl = new URL(settings.redirectUri);
    callbackUrl.search = params.toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await lib.authorizationCodeGrant(
        configuration,
        callbackUrl,
        {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: settings.redirectUri },
      );
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      claims = { ...idToken };
      // Role and organisation may come from the UserInfo endpoint; the ID token's claims win.
      if (
        tokens.access_token &&
        (claims[settings.roleClaim] === undefined || claims[settings.organisationClaim] === undefined)
      ) {
        const info = await lib.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
        claims = { ...info, ...claims };
      }
    } catch (error) {
      throw new OidcRefusal(
        401,
        'oidc.failed',
        'token-rejected',
        'De identiteitsprovider gaf geen geldig antwoord; u bent niet ingelogd.',
        describeError(error),
      );
    }
    return { identity: await this.identityFrom(claims), returnTo: pending.returnTo };
  }

  /** Maps the checked claims to a user: email, name, a known role, an existing organisation. */
  private async identityFrom(claims: Record<string, unknown>): Promise<OidcIdentity> {
    const settings = this.settings();
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    const issuer = typeof claims.iss === 'string' ? claims.iss : settings.issuer;
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const base = { subject, issuer };
    if (!subject || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      throw new OidcRefusal(
        403,
        'oidc.refused',
        'email-missing',
        'De identiteitsprovider gaf geen bruikbaar e-mailadres door.',
        base,
      );
    }
    const rawRole = claims[settings.roleClaim];
    const roles = (Array.isArray(rawRole) ? rawRole : [rawRole]).filter(
      (r): r is string => typeof r === 'string',
    );
    const known = [...new Set(roles.filter(isRole))];
    if (known.length !== 1) {
      throw new OidcRefusal(
        403,
        'oidc.unknown_role',
        known.length === 0 ? 'unknown-role' : 'ambiguous-role',
        known.length === 0
          ? `Uw rol bij de identiteitsprovider (claim ${settings.roleClaim}) is hier onbekend. Vraag de beheerder om een van: municipality, coordinator, party, national, admin.`
          : `De identiteitsprovider gaf meer dan één rol door (claim ${settings.roleClaim}); dat kan hier niet.`,
        { ...base, email, claimed: roles.slice(0, 10).map((r) => r.slice(0, 100)) },
      );
    }
    const role = known[0] as Role;
    const rawOrganisation = claims[settings.organisationClaim];
    const organisation = typeof rawOrganisation === 'string' ? rawOrganisation.trim() : '';
    const found: { id: string; name: string }[] = organisation
      ? await this.db.query(
          `SELECT id, name FROM organisations WHERE ${isUuid(organisation) ? 'id = $1::uuid' : 'lower(name) = lower($1)'} LIMIT 1`,
          [organisation.slice(0, 300)],
        )
      : [];
    const org = found[0];
    if (!org) {
      throw new OidcRefusal(
        403,
        'oidc.unknown_organisation',
        'unknown-organisation',
        `Uw organisatie (claim ${settings.organisationClaim}) is hier niet bekend. Vraag de beheerder om haar toe te voegen.`,
        { ...base, email, claimed: organisation.slice(0, 200) },
      );
    }
    const name =
      typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : email;
    return {
      issuer,
      subject,
      email,
      emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
      name,
      role,
      organisationId: org.id,
      organisationName: org.name,
    };
  }
}
