import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './test-app';
import { SessionCache } from '../src/modules/identity/session-cache';

describe('identity: login, session cookie, me, logout, CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('logs in with the demo password and answers /me with role and organisation', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const me = await agent.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: DEMO.barendrecht,
      role: 'municipality',
      organisationName: 'Gemeente Barendrecht',
      municipalityCode: 'GM0489',
    });
  });

  it('sets an http-only SameSite session cookie and a readable CSRF cookie', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO.admin, password: 'Doorbraak-demo-2026' },
    });
    expect(response.statusCode).toBe(200);
    const raw = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = raw.find((c) => c.startsWith('doorbraak_session='));
    const csrf = raw.find((c) => c.startsWith('doorbraak_csrf='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).toMatch(/Expires=/);
    expect(csrf).not.toMatch(/HttpOnly/i);
    // Secure is on by default in production and can be forced; this test app runs with NODE_ENV=test.
    expect(session).not.toMatch(/Secure/);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO.barendrecht, password: 'not-the-password' },
    });
    const unknown = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.nl', password: 'not-the-password' },
    });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json()).toMatchObject({ status: 401, detail: 'E-mailadres of wachtwoord onjuist.' });
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    expect(wrong.json().type).toBe(unknown.json().type);
    expect(wrong.json().detail).toBe(unknown.json().detail);
  });

  it('treats the email case-insensitively', async () => {
    await expect(t.login(DEMO.assen.toUpperCase())).resolves.toBeDefined();
  });

  it('answers 401 problem+json without a session, and with a forged cookie', async () => {
    const anonymous = await t.request({ method: 'GET', url: '/api/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const forged = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { doorbraak_session: 'x'.repeat(43) },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const response = await agent.request({
      method: 'POST',
      url: '/api/cases',
      payload: { projectName: 'X', municipalityCode: 'GM0489', homesTotal: 1, knelpuntTypes: ['nitrogen'] },
      csrf: false,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().title).toBe('CSRF-controle mislukt');
    const withWrongToken = await agent.request({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { 'x-csrf-token': 'wrong' },
      csrf: false,
    });
    expect(withWrongToken.statusCode).toBe(403);
  });

  it('rotates the session on login and ends it on logout', async () => {
    const agent = await t.login(DEMO.coordinatorZh);
    const firstCookie = agent.cookie('doorbraak_session');
    const again = await agent.post('/api/auth/login', {
      email: DEMO.coordinatorZh,
      password: 'Doorbraak-demo-2026',
    });
    expect(again.statusCode).toBe(200);
    const secondCookie = agent.cookie('doorbraak_session');
    expect(secondCookie).not.toBe(firstCookie);
    // The old session no longer works.
    const old = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { doorbraak_session: firstCookie ?? '' },
    });
    expect(old.statusCode).toBe(401);

    const logout = await agent.post('/api/auth/logout');
    expect(logout.statusCode).toBe(204);
    const after = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { doorbraak_session: secondCookie ?? '' },
    });
    expect(after.statusCode).toBe(401);
  });

  it('expires a session after the idle timeout', async () => {
    const agent = await t.login(DEMO.liander);
    await t.db.query(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    // Time travel in the database is invisible to the in-memory session cache (its entries live
    // SESSION_CACHE_SECONDS, far below the idle timeout): start from a cold cache.
    await t.app.get(SessionCache).invalidate();
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('stores only argon2id hashes and hashed session tokens', async () => {
    const users: { password_hash: string }[] = await t.db.query(`SELECT password_hash FROM users LIMIT 3`);
    for (const u of users) expect(u.password_hash).toMatch(/^\$argon2id\$/);
    const agent = await t.login(DEMO.national);
    const token = agent.cookie('doorbraak_session') ?? '';
    const raw: unknown[] = await t.db.query(`SELECT 1 FROM sessions WHERE token_hash = $1`, [token]);
    expect(raw).toHaveLength(0);
  });
});
