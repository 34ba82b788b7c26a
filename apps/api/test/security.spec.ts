import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AdminUser, AuditLogPage } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactLinkTokens } from '../src/app.module';
import { DEMO_PASSWORD } from '../src/database/seeds/demo.seed';
import { isCommonPassword } from '../src/modules/identity/password.service';
import { hashToken } from '../src/modules/identity/sessions.service';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';
import { SessionCache } from '../src/modules/identity/session-cache';

const STRONG = 'Zeer-lang-en-vreemd-wachtwoord-42';

describe('hardening: throttling, passwords, users, audit log, headers, sessions', () => {
  let t: TestApp;
  let admin: Agent;
  let lianderId: string;
  let webDist: string;

  beforeAll(async () => {
    // A built web app to serve, so the headers of / and of SPA routes can be checked too.
    webDist = mkdtempSync(path.join(tmpdir(), 'doorbraak-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(
      path.join(webDist, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
    );
    writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log(1);');
    t = await startTestApp({ WEB_DIST: webDist });
    admin = await t.login(DEMO.admin);
    const org: { id: string }[] = await t.db.query(`SELECT id FROM organisations WHERE name = 'Liander'`);
    lianderId = org[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const events = (
    type: string,
    label?: string,
  ): Promise<
    { type: string; actor_label: string | null; data: Record<string, unknown>; ip: string | null }[]
  > =>
    t.db.query(
      `SELECT type, actor_label, data, ip FROM audit_log WHERE type = $1 AND ($2::text IS NULL OR actor_label = $2) ORDER BY id`,
      [type, label ?? null],
    );

  let counter = 0;
  async function newUser(patch: Record<string, unknown> = {}): Promise<AdminUser & { password: string }> {
    counter += 1;
    const email = `gebruiker${counter}.${Date.now()}@partij.example`;
    const created = await admin.post('/api/admin/users', {
      email,
      name: `Gebruiker ${counter}`,
      role: 'party',
      organisationId: lianderId,
      password: STRONG,
      ...patch,
    });
    expect(created.statusCode, created.body).toBe(201);
    return { ...created.json<AdminUser>(), password: STRONG };
  }

  function login(email: string, password: string, remoteAddress = '127.0.0.1') {
    return t.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
  }

  describe('login throttling (failed attempts only)', () => {
    it('locks an account after 5 failures in 15 minutes: 429 with Retry-After, even with the right password', async () => {
      const user = await newUser();
      for (let i = 0; i < 5; i += 1) {
        const wrong = await login(user.email, 'dit-is-het-niet-123', '10.1.0.1');
        expect(wrong.statusCode).toBe(401);
      }
      const locked = await login(user.email, user.password, '10.1.0.2');
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
      expect(locked.json()).toMatchObject({
        status: 429,
        type: 'https://doorbraak.nl/problems/too-many-requests',
      });
      expect(locked.headers['set-cookie']).toBeUndefined();
      expect(await events('login.failed', user.email)).toHaveLength(5);
      expect(await events('login.locked', user.email)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ scope: 'account', failures: 5 }) }),
      ]);
      expect(await events('login.throttled', user.email)).toHaveLength(1);
      // Another account is not affected.
      expect((await login(DEMO.liander, DEMO_PASSWORD, '10.1.0.1')).statusCode).toBe(200);
    });

    it('counts unknown accounts the same way (no account enumeration through the lockout)', async () => {
      for (let i = 0; i < 5; i += 1)
        await login('bestaat.niet@nergens.example', 'wat-dan-ook-123', '10.2.0.1');
      const sixth = await login('bestaat.niet@nergens.example', 'wat-dan-ook-123', '10.2.0.1');
      expect(sixth.statusCode).toBe(429);
    });

    it('limits failures per IP (30 per 15 minutes) across accounts', async () => {
      for (let i = 0; i < 30; i += 1) {
        const r = await login(`onbekend${i}@ip-test.example`, 'wat-dan-ook-123', '10.3.0.1');
        expect(r.statusCode).toBe(401);
      }
      const blocked = await login(DEMO.national, DEMO_PASSWORD, '10.3.0.1');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect(await events('login.locked')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ip: '10.3.0.1', data: expect.objectContaining({ scope: 'ip' }) }),
        ]),
      );
      // The same account from another address logs in.
      expect((await login(DEMO.national, DEMO_PASSWORD, '10.3.0.2')).statusCode).toBe(200);
    });

    it('never counts successful logins, and a success clears the account’s failures', async () => {
      const user = await newUser();
      for (let i = 0; i < 4; i += 1) await login(user.email, 'nog-steeds-fout-12', '10.4.0.1');
      expect((await login(user.email, user.password, '10.4.0.1')).statusCode).toBe(200);
      for (let i = 0; i < 4; i += 1) await login(user.email, 'nog-steeds-fout-12', '10.4.0.1');
      for (let i = 0; i < 12; i += 1)
        expect((await login(user.email, user.password, '10.4.0.1')).statusCode).toBe(200);
      expect(await events('login.succeeded', user.email)).toHaveLength(13);
    });

    it('rate-limits the public endpoints per IP and minute (429 with Retry-After)', async () => {
      let last = await t.request({
        method: 'GET',
        url: `/api/links/${'x'.repeat(43)}`,
        remoteAddress: '10.5.0.1',
      });
      for (let i = 1; i < 61; i += 1) {
        last = await t.request({
          method: 'GET',
          url: `/api/links/${'x'.repeat(43)}`,
          remoteAddress: '10.5.0.1',
        });
      }
      expect(last.statusCode).toBe(429);
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      expect(await events('rate_limit.exceeded')).toEqual([
        expect.objectContaining({ ip: '10.5.0.1', data: { bucket: 'links', limit: 60 } }),
      ]);
      expect(
        (await t.request({ method: 'GET', url: `/api/links/${'x'.repeat(43)}`, remoteAddress: '10.5.0.2' }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('passwords', () => {
    it('ships a common/breached list and uses it', () => {
      expect(isCommonPassword('password')).toBe(true);
      expect(isCommonPassword('Password1234')).toBe(true);
      expect(isCommonPassword(STRONG)).toBe(false);
    });

    it('changes one’s own password: 400 with Dutch field errors for every rule, then 204 and a rotated session', async () => {
      const user = await newUser();
      const agent = await t.login(user.email, user.password);
      const other = await t.login(user.email, user.password);
      const oldCookie = agent.cookie('doorbraak_session');

      const short = await agent.post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: 'kort',
      });
      expect(short.statusCode).toBe(400);
      expect(short.json().errors).toEqual([
        expect.objectContaining({
          field: 'newPassword',
          message: 'Kies een wachtwoord van minstens 12 tekens.',
        }),
      ]);
      const common = await agent.post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: 'password1234',
      });
      expect(common.statusCode).toBe(400);
      expect(common.json().errors).toEqual([
        expect.objectContaining({
          field: 'newPassword',
          code: 'common',
          message:
            'Dit wachtwoord staat in een lijst van veelgebruikte of uitgelekte wachtwoorden; kies een ander.',
        }),
      ]);
      const withEmail = await agent.post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: `${user.email}-extra`,
      });
      expect(withEmail.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'contains_email' });
      const same = await agent.post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: user.password,
      });
      expect(same.json().errors[0]).toMatchObject({ field: 'newPassword', code: 'unchanged' });
      const wrong = await agent.post('/api/auth/password', {
        currentPassword: 'helemaal-niet-goed',
        newPassword: 'Een-ander-sterk-wachtwoord-7',
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([
        expect.objectContaining({ field: 'currentPassword', message: 'Het huidige wachtwoord klopt niet.' }),
      ]);
      const english = await agent.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: user.password, newPassword: 'kort' },
        headers: { 'accept-language': 'en' },
      });
      expect(english.json().errors[0].message).toBe('Choose a password of at least 12 characters.');

      const changed = await agent.post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: 'Een-ander-sterk-wachtwoord-7',
      });
      expect(changed.statusCode).toBe(204);
      expect(agent.cookie('doorbraak_session')).not.toBe(oldCookie);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
      // The other session and the old cookie ended; the old password no longer works.
      expect((await other.get('/api/auth/me')).statusCode).toBe(401);
      expect(
        (
          await t.request({
            method: 'GET',
            url: '/api/auth/me',
            cookies: { doorbraak_session: oldCookie ?? '' },
          })
        ).statusCode,
      ).toBe(401);
      expect((await login(user.email, user.password)).statusCode).toBe(401);
      expect((await login(user.email, 'Een-ander-sterk-wachtwoord-7')).statusCode).toBe(200);
      expect(await events('password.changed', user.email)).toHaveLength(1);
      expect(await events('password.change_failed', user.email)).toHaveLength(1);
    });

    it('counts wrong current passwords towards the account lockout', async () => {
      const user = await newUser();
      const agent = await t.login(user.email, user.password);
      for (let i = 0; i < 5; i += 1) {
        const r = await agent.post('/api/auth/password', {
          currentPassword: 'fout-fout-fout',
          newPassword: STRONG + 'x',
        });
        expect(r.statusCode).toBe(400);
      }
      const locked = await agent.post('/api/auth/password', {
        currentPassword: user.password,
        newPassword: STRONG + 'x',
      });
      expect(locked.statusCode).toBe(429);
    });
  });

  describe('user management (admins)', () => {
    it('creates users with the password policy and checks role against organisation', async () => {
      const coordinator = await t.login(DEMO.coordinatorZh);
      const body = { email: 'nieuw@partij.example', name: 'Nieuw', role: 'party', organisationId: lianderId };
      expect((await coordinator.post('/api/admin/users', body)).statusCode).toBe(403);
      const weak = await admin.post('/api/admin/users', { ...body, password: 'welkom123' });
      expect(weak.statusCode).toBe(400);
      expect(weak.json().errors.map((e: { field: string }) => e.field)).toEqual(['password']);
      const mismatch = await admin.post('/api/admin/users', { ...body, role: 'municipality' });
      expect(mismatch.json().errors).toEqual([
        expect.objectContaining({ field: 'role', code: 'organisation_mismatch' }),
      ]);
      const created = await admin.post('/api/admin/users', body);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        email: 'nieuw@partij.example',
        hasPassword: false,
        active: true,
      });
      expect(
        (await admin.post('/api/admin/users', { ...body, email: 'NIEUW@partij.example' })).statusCode,
      ).toBe(409);
      const listed = await admin.get('/api/admin/users?q=nieuw%40partij');
      expect(listed.json().items).toEqual([expect.objectContaining({ email: 'nieuw@partij.example' })]);
      expect(await events('admin.user.created')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            data: expect.objectContaining({
              after: expect.objectContaining({ email: 'nieuw@partij.example' }),
            }),
          }),
        ]),
      );
    });

    it('a role change is a security event; blocking ends every session; admins cannot demote themselves', async () => {
      const user = await newUser();
      const agent = await t.login(user.email, user.password);
      const nationalOrg: { id: string }[] = await t.db.query(
        `SELECT id FROM organisations WHERE name = 'Landelijke versnellingstafel'`,
      );
      const promoted = await admin.request({
        method: 'PATCH',
        url: `/api/admin/users/${user.id}`,
        payload: { role: 'national', organisationId: nationalOrg[0]!.id },
      });
      expect(promoted.statusCode).toBe(200);
      expect(promoted.json()).toMatchObject({ role: 'national' });
      // The change applies to the live session at once (the actor is read per request).
      expect((await agent.get('/api/auth/me')).json()).toMatchObject({ role: 'national' });
      const changes: { data: Record<string, unknown>; target_id: string }[] = await t.db.query(
        `SELECT data, target_id FROM audit_log WHERE type = 'user.role_changed' AND target_id = $1`,
        [user.id],
      );
      expect(changes).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({
            before: expect.objectContaining({ role: 'party' }),
            after: expect.objectContaining({ role: 'national' }),
          }),
        }),
      ]);
      const blocked = await admin.request({
        method: 'PATCH',
        url: `/api/admin/users/${user.id}`,
        payload: { active: false },
      });
      expect(blocked.statusCode).toBe(200);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
      expect((await login(user.email, user.password)).statusCode).toBe(401);

      const me = (await admin.get('/api/auth/me')).json<{ userId: string }>();
      const self = await admin.request({
        method: 'PATCH',
        url: `/api/admin/users/${me.userId}`,
        payload: { role: 'party' },
      });
      expect(self.statusCode).toBe(409);
      expect(
        (
          await admin.request({
            method: 'PATCH',
            url: `/api/admin/users/00000000-0000-4000-8000-000000000000`,
            payload: { name: 'X' },
          })
        ).statusCode,
      ).toBe(404);
    });
  });

  describe('audit log', () => {
    it('is admin-only, newest first, keyset-paginated and filterable', async () => {
      expect((await (await t.login(DEMO.coordinatorZh)).get('/api/admin/audit-log')).statusCode).toBe(403);
      expect((await t.request({ method: 'GET', url: '/api/admin/audit-log' })).statusCode).toBe(401);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 4; page += 1) {
        const r = await admin.get(`/api/admin/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.statusCode).toBe(200);
        const body = r.json<AuditLogPage>();
        expect(body.items.length).toBeLessThanOrEqual(3);
        seen.push(...body.items.map((i) => i.id));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
      const logins = (await admin.get('/api/admin/audit-log?type=login.&limit=200')).json<AuditLogPage>();
      expect(logins.items.length).toBeGreaterThan(0);
      for (const item of logins.items) expect(item.type).toMatch(/^login\./);
      expect((await admin.get('/api/admin/audit-log?cursor=abc')).statusCode).toBe(400);
    });

    it('is insert-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
      await expect(t.db.query(`UPDATE audit_log SET type = 'x'`)).rejects.toThrow(/insert-only/);
      await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/insert-only/);
      await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/insert-only/);
    });

    it('records admin actions on organisations in the audit log', async () => {
      const created = await admin.post('/api/organisations', {
        name: 'Audit Corporatie',
        type: 'housing_corporation',
      });
      expect(created.statusCode).toBe(201);
      const rows: { actor_label: string; target_id: string }[] = await t.db.query(
        `SELECT actor_label, target_id FROM audit_log WHERE type = 'admin.organisation.created' AND target_id = $1`,
        [created.json<{ id: string }>().id],
      );
      expect(rows).toEqual([
        expect.objectContaining({ actor_label: 'Beheerder Doorbraak (Doorbraak beheer)' }),
      ]);
    });
  });

  describe('sessions, CSRF, cookies', () => {
    it('expires a session after 12 hours however active it is', async () => {
      const agent = await t.login(DEMO.liander);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
      await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
        hashToken(agent.cookie('doorbraak_session') ?? ''),
      ]);
      // Time travel in the database is invisible to the in-memory session cache, whose entries
      // never outlive expires_at (session-cache.spec.ts proves that): start from a cold cache.
      await t.app.get(SessionCache).invalidate();
      expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('sets session lifetimes of 30 minutes idle and 12 hours absolute', async () => {
      const agent = await t.login(DEMO.liander);
      const rows: { absolute: number }[] = await t.db.query(
        `SELECT extract(epoch FROM expires_at - created_at)::int AS absolute FROM sessions WHERE token_hash = $1`,
        [hashToken(agent.cookie('doorbraak_session') ?? '')],
      );
      expect(rows[0]!.absolute).toBeGreaterThanOrEqual(12 * 3600 - 5);
      expect(rows[0]!.absolute).toBeLessThanOrEqual(12 * 3600 + 5);
      await t.db.query(
        `UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = $1`,
        [hashToken(agent.cookie('doorbraak_session') ?? '')],
      );
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    });

    it('refuses state-changing requests without the session’s CSRF token, also with another session’s token', async () => {
      const a = await t.login(DEMO.barendrecht);
      const b = await t.login(DEMO.assen);
      const missing = await a.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: {},
        csrf: false,
      });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().title).toBe('CSRF-controle mislukt');
      const foreign = await a.request({
        method: 'DELETE',
        url: '/api/cases/00000000-0000-4000-8000-000000000000/assignments/00000000-0000-4000-8000-000000000000/links',
        headers: { 'x-csrf-token': b.csrf },
        csrf: false,
      });
      expect(foreign.statusCode).toBe(403);
      const huge = await a.request({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { 'x-csrf-token': 'y'.repeat(5000) },
        csrf: false,
      });
      expect(huge.statusCode).toBe(403);
    });

    it('answers oversized, malformed and replayed session cookies with 401 problem+json, never 500', async () => {
      for (const value of ['x'.repeat(5000), 'x'.repeat(12_000), '%E0%A4%A', '💥', '']) {
        const r = await t.request({
          method: 'GET',
          url: '/api/auth/me',
          cookies: { doorbraak_session: value },
        });
        expect(r.statusCode, value.slice(0, 10)).toBe(401);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      const raw = await t.request({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `doorbraak_session=${'%'.repeat(3000)}; other=${'z'.repeat(6000)}` },
      });
      expect(raw.statusCode).toBe(401);
      // A big cookie on a public route changes nothing.
      const health = await t.request({
        method: 'GET',
        url: '/api/health',
        headers: { cookie: `junk=${'j'.repeat(8000)}` },
      });
      expect(health.statusCode).toBe(200);
      // Replay after logout.
      const agent = await t.login(DEMO.coordinatorZh);
      const cookie = agent.cookie('doorbraak_session') ?? '';
      expect((await agent.post('/api/auth/logout')).statusCode).toBe(204);
      const replay = await t.request({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { doorbraak_session: cookie },
      });
      expect(replay.statusCode).toBe(401);
    });
  });

  describe('security headers', () => {
    function expectHardened(headers: Record<string, string | string[] | number | undefined>, where: string) {
      const csp = String(headers['content-security-policy'] ?? '');
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      ) as Record<string, string[]>;
      expect(directives['script-src'], where).toEqual(["'self'"]);
      expect(directives['default-src'], where).toEqual(["'self'"]);
      expect(directives['frame-ancestors'], where).toEqual(["'none'"]);
      expect(directives['object-src'], where).toEqual(["'none'"]);
      expect(csp, where).not.toMatch(/unsafe-eval/);
      expect(headers['strict-transport-security'], where).toMatch(/max-age=31536000; includeSubDomains/);
      expect(headers['x-content-type-options'], where).toBe('nosniff');
      expect(headers['x-frame-options'], where).toBe('DENY');
      expect(headers['referrer-policy'], where).toBe('no-referrer');
    }

    it('on API answers, problems, the docs, the web app and its SPA routes', async () => {
      const agent = await t.login(DEMO.barendrecht);
      const api = await agent.get('/api/cases?limit=1');
      expectHardened(api.headers, 'api');
      expect(api.headers['cache-control']).toBe('no-store');
      expectHardened((await t.request({ method: 'GET', url: '/api/auth/me' })).headers, 'problem');
      const docs = await t.request({ method: 'GET', url: '/api/docs' });
      expect(docs.statusCode).toBe(200);
      expectHardened(docs.headers, 'docs');
      // Swagger UI loads its scripts from files (script-src 'self' suffices) and needs inline styles only.
      expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)/);
      const init = await t.request({ method: 'GET', url: '/api/docs/swagger-ui-init.js' });
      expect(init.statusCode).toBe(200);
      const index = await t.request({ method: 'GET', url: '/' });
      expect(index.statusCode).toBe(200);
      expectHardened(index.headers, 'index');
      const spa = await t.request({ method: 'GET', url: '/dossiers/123' });
      expect(spa.statusCode).toBe(200);
      expectHardened(spa.headers, 'spa route');
      const asset = await t.request({ method: 'GET', url: '/assets/app.js' });
      expectHardened(asset.headers, 'asset');
      expect(asset.headers['cache-control']).toMatch(/immutable/);
    });
  });

  it('keeps link tokens out of request logs', () => {
    const token = 'a'.repeat(43);
    expect(redactLinkTokens({ url: `/api/links/${token}/notes?x=1` }).url).toBe(
      '/api/links/[redacted]/notes?x=1',
    );
    expect(redactLinkTokens({ url: '/api/cases' }).url).toBe('/api/cases');
  });
});
