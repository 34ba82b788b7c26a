import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './test-app';

/**
 * OIDC against a real provider (oidc-provider 9) on a real port: the app discovers it, sends
 * the browser there, and exchanges the code over HTTP. The test plays the browser (a cookie jar
 * and fetch for the provider, inject for the app) and logs the person in at the provider's
 * interaction endpoint. The provider is never mocked; for the refusal cases the test changes
 * what happens on the wire (another client's credentials, a clock that moved on).
 */

const REDIRECT_URI = 'http://localhost:3000/api/auth/oidc/callback';
const CLIENT = { id: 'doorbraak', secret: 'doorbraak-test-secret-0123456789' };
const INTRUDER = { id: 'intruder', secret: 'intruder-test-secret-0123456789' };

interface Account {
  email: string;
  email_verified?: boolean;
  name?: string;
  doorbraak_role?: string | string[];
  doorbraak_organisation?: string;
}

describe('OIDC login (authorization code + PKCE) against a real provider', () => {
  let t: TestApp;
  let server: Server;
  let issuer: string;
  const accounts = new Map<string, Account>();
  let loginAs = 'anne';
  /** How the wire misbehaves for the next login: nothing, another client's token, or a late token. */
  let tamper: 'none' | 'wrong-audience' | 'expired' = 'none';

  beforeAll(async () => {
    let provider: Provider | null = null;
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      void handle(req, res);
    });
    async function handle(req: IncomingMessage, res: ServerResponse) {
      if (!provider) throw new Error('provider not ready');
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname.startsWith('/interaction/')) {
        // The person logs in at the provider and consents: the provider's own interaction API.
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({ accountId: loginAs, clientId: details.params.client_id });
        grant.addOIDCScope(details.params.scope);
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: loginAs }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      if (tamper === 'wrong-audience') {
        // A token meant for another client of the same provider: authorize and redeem as "intruder".
        if (url.pathname === '/auth' && url.searchParams.get('client_id') === CLIENT.id) {
          url.searchParams.set('client_id', INTRUDER.id);
          req.url = `${url.pathname}?${url.searchParams.toString()}`;
        }
        if (url.pathname === '/token') {
          const basic = Buffer.from(`${INTRUDER.id}:${INTRUDER.secret}`).toString('base64');
          req.headers.authorization = `Basic ${basic}`;
        }
      }
      if (tamper === 'expired' && url.pathname === '/token') {
        // The tokens are signed now; by the time the app checks them the clock has moved an hour on.
        const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
        res.end = ((...args: unknown[]) => {
          vi.setSystemTime(new Date(Date.now() + 60 * 60_000));
          return end(...args);
        }) as typeof res.end;
      }
      provider.callback()(req, res);
    }
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    provider = new Provider(issuer, {
      clients: [CLIENT, INTRUDER].map((c) => ({
        client_id: c.id,
        client_secret: c.secret,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      jwks: {
        keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }],
      },
      cookies: { keys: ['oidc-provider-test-cookie-key'] },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'doorbraak_role', 'doorbraak_organisation'],
      },
      features: { devInteractions: { enabled: false } },
      ttl: {
        IdToken: 600,
        AccessToken: 600,
        AuthorizationCode: 60,
        Interaction: 600,
        Session: 600,
        Grant: 600,
      },
      findAccount: (_ctx: unknown, id: string) => {
        const account = accounts.get(id);
        if (!account) return undefined;
        return { accountId: id, claims: () => ({ sub: id, ...account }) };
      },
    });
    provider.on('server_error', (_ctx: unknown, error: unknown) => console.error('provider error', error));

    t = await startTestApp({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_REDIRECT_URI: REDIRECT_URI,
    });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** The browser at the provider: follows redirects by hand, keeps the provider's cookies. */
  async function throughProvider(authorizeUrl: string): Promise<URL> {
    const jar = new Map<string, string>();
    let next = authorizeUrl;
    for (let hop = 0; hop < 10; hop += 1) {
      if (next.startsWith(REDIRECT_URI)) return new URL(next);
      const r = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
      const location = r.headers.get('location');
      if (!location) throw new Error(`provider stopped at ${next}: ${r.status} ${await r.text()}`);
      next = new URL(location, next).href;
    }
    throw new Error('too many redirects');
  }

  interface Flow {
    login: Awaited<ReturnType<TestApp['request']>>;
    callback: Awaited<ReturnType<TestApp['request']>>;
    callbackUrl: URL;
    stateCookie: string;
    cookies: Record<string, string>;
  }

  async function flow(
    account: string,
    cookies: Record<string, string> = {},
    returnTo?: string,
  ): Promise<Flow> {
    loginAs = account;
    const login = await t.request({
      method: 'GET',
      url: `/api/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`,
      cookies,
    });
    expect(login.statusCode, login.body).toBe(302);
    const stateCookie = (login.cookies as { name: string; value: string }[]).find(
      (c) => c.name === 'doorbraak_oidc',
    )!.value;
    const callbackUrl = await throughProvider(String(login.headers.location));
    try {
      const callback = await t.request({
        method: 'GET',
        url: `${callbackUrl.pathname}${callbackUrl.search}`,
        cookies: { ...cookies, doorbraak_oidc: stateCookie },
      });
      const after = { ...cookies };
      for (const c of callback.cookies as { name: string; value: string }[]) after[c.name] = c.value;
      return { login, callback, callbackUrl, stateCookie, cookies: after };
    } finally {
      vi.useRealTimers();
    }
  }

  const audit = async (type: string) =>
    await t.db.query<
      {
        type: string;
        actor_label: string | null;
        data: Record<string, unknown>;
      }[]
    >(`SELECT type, actor_label, data FROM audit_log WHERE type = $1 ORDER BY id`, [type]);
  const userCount = async (email: string) =>
    (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email]))[0]!
      .n;

  it('logs in a new person end to end: PKCE and state to the provider, a user from the claims, a session', async () => {
    accounts.set('anne', {
      email: 'Anne.Coordinator@pzh.example',
      email_verified: true,
      name: 'Anne de Wit',
      doorbraak_role: 'coordinator',
      doorbraak_organisation: 'Regionale versnellingstafel Zuid-Holland',
    });
    const f = await flow('anne', {}, '/dossiers?status=submitted');
    const authorize = new URL(String(f.login.headers.location));
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBe(f.stateCookie);
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(f.callbackUrl.searchParams.get('code')).toBeTruthy();

    expect(f.callback.statusCode, f.callback.body).toBe(303);
    expect(f.callback.headers.location).toBe('/dossiers?status=submitted');
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookies: f.cookies });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: 'anne.coordinator@pzh.example',
      name: 'Anne de Wit',
      role: 'coordinator',
      organisationName: 'Regionale versnellingstafel Zuid-Holland',
      provinceCodes: ['PV28'],
    });
    const user: { password_hash: string | null; oidc_subject: string; oidc_issuer: string }[] =
      await t.db.query(
        `SELECT password_hash, oidc_subject, oidc_issuer FROM users WHERE email = 'anne.coordinator@pzh.example'`,
      );
    expect(user).toEqual([{ password_hash: null, oidc_subject: 'anne', oidc_issuer: issuer }]);
    expect(await audit('login.succeeded')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor_label: 'anne.coordinator@pzh.example',
          data: expect.objectContaining({ method: 'oidc' }),
        }),
      ]),
    );
    // A state-changing request works with the CSRF cookie the login set.
    const comment = await t.request({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: f.cookies,
      headers: { 'x-csrf-token': f.cookies.doorbraak_csrf ?? '' },
    });
    expect(comment.statusCode).toBe(204);
  });

  it('links an existing local account by email, follows role changes in the claims, and rotates the session', async () => {
    const admin = await t.login(DEMO.admin);
    const organisation = await t.db.query<
      {
        id: string;
      }[]
    >(`SELECT id FROM organisations WHERE name = 'Liander'`);
    const created = await admin.post('/api/admin/users', {
      email: 'bart@liander.example',
      name: 'Bart',
      role: 'party',
      organisationId: organisation[0]!.id,
      password: 'Een-lokaal-wachtwoord-77',
    });
    expect(created.statusCode).toBe(201);
    const local = await t.login('bart@liander.example', 'Een-lokaal-wachtwoord-77');
    const before = local.cookie('doorbraak_session')!;
    accounts.set('bart', {
      email: 'bart@liander.example',
      email_verified: true,
      name: 'Bart Jansen',
      doorbraak_role: ['employee', 'national'],
      doorbraak_organisation: (
        await t.db.query(`SELECT id FROM organisations WHERE name = 'Landelijke versnellingstafel'`)
      )[0].id,
    });
    const f = await flow('bart', { doorbraak_session: before, doorbraak_csrf: local.csrf });
    expect(f.callback.statusCode, f.callback.body).toBe(303);
    expect(f.cookies.doorbraak_session).not.toBe(before);
    expect(
      (await t.request({ method: 'GET', url: '/api/auth/me', cookies: { doorbraak_session: before } }))
        .statusCode,
    ).toBe(401);
    const me = (await t.request({ method: 'GET', url: '/api/auth/me', cookies: f.cookies })).json();
    expect(me).toMatchObject({
      userId: created.json().id,
      role: 'national',
      organisationName: 'Landelijke versnellingstafel',
      name: 'Bart Jansen',
    });
    expect(await audit('user.oidc_linked')).toEqual([
      expect.objectContaining({ actor_label: 'bart@liander.example' }),
    ]);
    expect(await audit('user.role_changed')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          via: 'oidc',
          before: expect.objectContaining({ role: 'party' }),
          after: expect.objectContaining({ role: 'national' }),
        }),
      }),
    ]);
    // Local accounts stay: the password still works.
    await expect(t.login('bart@liander.example', 'Een-lokaal-wachtwoord-77')).resolves.toBeDefined();
  });

  it('refuses an ID token issued to another client (wrong audience): 401, a security event, no session', async () => {
    accounts.set('carla', {
      email: 'carla@pzh.example',
      doorbraak_role: 'coordinator',
      doorbraak_organisation: 'Regionale versnellingstafel Zuid-Holland',
    });
    tamper = 'wrong-audience';
    try {
      const f = await flow('carla');
      expect(f.callback.statusCode, f.callback.body).toBe(401);
      expect(f.callback.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(f.callback.json()).toMatchObject({ type: 'https://doorbraak.nl/problems/oidc-failed' });
      expect(f.cookies.doorbraak_session).toBeUndefined();
    } finally {
      tamper = 'none';
    }
    expect(await userCount('carla@pzh.example')).toBe(0);
    const failures = await audit('oidc.failed');
    expect(failures.at(-1)).toMatchObject({ data: expect.objectContaining({ reason: 'token-rejected' }) });
    expect(failures.at(-1)!.data).toMatchObject({ claim: 'aud' });
    expect(String(failures.at(-1)!.data.message)).toMatch(/aud/);
  });

  it('refuses an ID token that expired before it was checked: 401, a security event, no session', async () => {
    accounts.set('dirk', {
      email: 'dirk@pzh.example',
      doorbraak_role: 'coordinator',
      doorbraak_organisation: 'Regionale versnellingstafel Zuid-Holland',
    });
    tamper = 'expired';
    try {
      const f = await flow('dirk');
      expect(f.callback.statusCode, f.callback.body).toBe(401);
      expect(f.cookies.doorbraak_session).toBeUndefined();
    } finally {
      tamper = 'none';
      vi.useRealTimers();
    }
    expect(await userCount('dirk@pzh.example')).toBe(0);
    const failure = (await audit('oidc.failed')).at(-1)!;
    expect(failure.data).toMatchObject({ reason: 'token-rejected' });
    expect(failure.data).toMatchObject({ claim: 'exp' });
    expect(String(failure.data.message)).toMatch(/exp/);
  });

  it('answers an unknown role in the claims with 403 problem+json and a security event; nothing else changes', async () => {
    accounts.set('eve', {
      email: 'eve@pzh.example',
      doorbraak_role: 'superuser',
      doorbraak_organisation: 'Regionale versnellingstafel Zuid-Holland',
    });
    const users = await t.db.query(`SELECT count(*)::int AS n FROM users`);
    const f = await flow('eve');
    expect(f.callback.statusCode).toBe(403);
    expect(f.callback.json()).toMatchObject({ status: 403, type: 'https://doorbraak.nl/problems/forbidden' });
    expect(f.callback.json().detail).toMatch(/rol/);
    expect(f.cookies.doorbraak_session).toBeUndefined();
    expect(await t.db.query(`SELECT count(*)::int AS n FROM users`)).toEqual(users);
    expect(await audit('oidc.unknown_role')).toEqual([
      expect.objectContaining({
        actor_label: 'eve@pzh.example',
        data: expect.objectContaining({ claimed: ['superuser'] }),
      }),
    ]);
  });

  it('answers an unknown organisation with 403 and a security event', async () => {
    accounts.set('frank', {
      email: 'frank@x.example',
      doorbraak_role: 'party',
      doorbraak_organisation: 'Nergens BV',
    });
    const f = await flow('frank');
    expect(f.callback.statusCode).toBe(403);
    expect(await userCount('frank@x.example')).toBe(0);
    expect(await audit('oidc.unknown_organisation')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ claimed: 'Nergens BV' }) }),
    ]);
  });

  it('refuses a replayed callback, a missing or foreign state cookie, and a provider error', async () => {
    const f = await flow('anne');
    expect(f.callback.statusCode).toBe(303);
    const replay = await t.request({
      method: 'GET',
      url: `${f.callbackUrl.pathname}${f.callbackUrl.search}`,
      cookies: { doorbraak_oidc: f.stateCookie },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().detail).toMatch(/verlopen of al gebruikt/);

    loginAs = 'anne';
    const started = await t.request({ method: 'GET', url: '/api/auth/oidc/login' });
    const callbackUrl = await throughProvider(String(started.headers.location));
    const path = `${callbackUrl.pathname}${callbackUrl.search}`;
    const noCookie = await t.request({ method: 'GET', url: path });
    expect(noCookie.statusCode).toBe(401);
    const foreign = await t.request({
      method: 'GET',
      url: path,
      cookies: { doorbraak_oidc: 'someone-elses-state' },
    });
    expect(foreign.statusCode).toBe(401);
    const denied = await t.request({
      method: 'GET',
      url: `/api/auth/oidc/callback?error=access_denied&state=${callbackUrl.searchParams.get('state')}`,
      cookies: { doorbraak_oidc: callbackUrl.searchParams.get('state')! },
    });
    expect(denied.statusCode).toBe(401);
    const reasons = (await audit('oidc.failed')).map((e) => e.data.reason);
    expect(reasons).toEqual(expect.arrayContaining(['state-unknown', 'state-mismatch']));
  });

  it('keeps returnTo on this site (no open redirect)', async () => {
    for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      const f = await flow('anne', {}, evil);
      expect(f.callback.statusCode).toBe(303);
      expect(f.callback.headers.location).toBe('/');
    }
  });

  it('tells the web app that single sign-on is on', async () => {
    expect((await t.request({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({
      password: true,
      oidc: true,
      oidcLoginUrl: '/api/auth/oidc/login',
    });
  });
});
