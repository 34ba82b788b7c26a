import type { Actor } from '@doorbraak/domain';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../src/modules/identity/session-cache';
import { hashToken } from '../src/modules/identity/sessions.service';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

/*
 * Sessions are served from memory for SESSION_CACHE_SECONDS after a lookup. These tests prove the
 * cache is there (a change behind the app's back is not seen at once) and that every change the
 * app makes — or another api process announces on Redis — is seen by the very next request.
 */

function patch(agent: Agent, url: string, payload: unknown) {
  return agent.request({ method: 'PATCH', url, payload: payload as Record<string, unknown> });
}

describe('session cache: fast, and never stale after a change', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SESSION_CACHE_SECONDS: '30' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a revocation by another api process is honoured as soon as it is announced on Redis', async () => {
    const agent = await t.login(DEMO.assen);
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    // Another process revokes the session in the database ...
    await t.db.query(
      `UPDATE sessions SET revoked_at = now() WHERE user_id =
      (SELECT id FROM users WHERE email = $1) AND revoked_at IS NULL`,
      [DEMO.assen],
    );
    // ... this process still answers from memory (the cache is real) ...
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    // ... until that process announces the change, as SessionsService.changed() does.
    const other = new Redis(t.runtime.redis.url, { maxRetriesPerRequest: 1 });
    try {
      await other.publish(`${t.runtime.redis.prefix}:sessions:invalidate`, '1');
    } finally {
      other.disconnect();
    }
    await waitFor(async () => (await agent.get('/api/auth/me')).statusCode === 401, 3_000, 'the revocation');
  });

  it('never serves a session from memory beyond its absolute expiry', async () => {
    const agent = await t.login(DEMO.national);
    await t.db.query(`UPDATE sessions SET expires_at = now() + interval '1 second' WHERE token_hash = $1`, [
      hashToken(agent.cookie('doorbraak_session') ?? ''),
    ]);
    await t.app.get(SessionCache).invalidate(); // the next lookup reads the new expiry
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200); // cached until expires_at, not 30 s
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logout ends the session for the next request', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const cookie = agent.cookie('doorbraak_session');
    expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
    expect((await agent.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    const replay = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { doorbraak_session: cookie ?? '' },
    });
    expect(replay.statusCode).toBe(401);
  });

  it("an admin's change to an organisation's scope or a user's access applies to live sessions at once", async () => {
    const admin = await t.login(DEMO.admin);
    const coordinator = await t.login(DEMO.coordinatorZh);
    const actorBefore = (await coordinator.get('/api/auth/me')).json<Actor>();
    expect(actorBefore.provinceCodes).toContain('PV28');

    // The coordinator's organisation gets Utrecht added to its scope.
    const scope = [...actorBefore.provinceCodes, 'PV26'];
    const changed = await patch(admin, `/api/organisations/${actorBefore.organisationId}`, {
      provinceCodes: scope,
    });
    expect(changed.statusCode).toBe(200);
    expect((await coordinator.get('/api/auth/me')).json<Actor>().provinceCodes).toContain('PV26');

    // A user blocked by an admin is out on the next request.
    const users = (await admin.get(`/api/admin/users?q=${encodeURIComponent(DEMO.liander)}`)).json<{
      items: { id: string; email: string }[];
    }>();
    const liander = await t.login(DEMO.liander);
    expect((await liander.get('/api/auth/me')).statusCode).toBe(200);
    const lianderId = users.items.find((u) => u.email === DEMO.liander)?.id;
    expect(lianderId).toBeDefined();
    expect((await patch(admin, `/api/admin/users/${lianderId}`, { active: false })).statusCode).toBe(200);
    expect((await liander.get('/api/auth/me')).statusCode).toBe(401);
    expect((await patch(admin, `/api/admin/users/${lianderId}`, { active: true })).statusCode).toBe(200);

    // Restore the demo scope for whoever runs after this file.
    expect(
      (
        await patch(admin, `/api/organisations/${actorBefore.organisationId}`, {
          provinceCodes: actorBefore.provinceCodes,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('is off with SESSION_CACHE_SECONDS=0: a revocation in the database applies at once', async () => {
    const plain = await startTestApp({ SESSION_CACHE_SECONDS: '0' });
    try {
      const agent = await plain.login(DEMO.assen);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(200);
      await plain.db.query(`UPDATE sessions SET revoked_at = now() WHERE revoked_at IS NULL`);
      expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      await plain.close();
    }
  });
});
