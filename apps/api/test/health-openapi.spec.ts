import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-app';

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is live and ready (database and Redis answer)', async () => {
    expect((await t.request({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.request({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('publishes OpenAPI 3.1 with every route and a summary for each operation', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json<{
      openapi: string;
      paths: Record<string, Record<string, { summary?: string }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/cases',
        '/api/cases/{id}',
        '/api/reference/municipalities',
        '/api/health',
        '/api/health/ready',
        '/api/dev/mailbox',
      ]),
    );
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) expect(op.summary, `${method} ${path}`).toBeTruthy();
    }
    const ui = await t.request({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('serves reference data to logged-in users: 342 municipalities, 12 provinces, 4 levels', async () => {
    const agent = await t.login('gemeente.assen@demo.doorbraak.nl');
    expect((await agent.get('/api/reference/municipalities')).json()).toHaveLength(342);
    expect((await agent.get('/api/reference/provinces')).json()).toHaveLength(12);
    expect((await agent.get('/api/reference/levels')).json().map((l: { code: string }) => l.code)).toEqual([
      'woondeal_table',
      'regional_table',
      'national_table',
      'ministerial_taskforce',
    ]);
    expect((await t.request({ method: 'GET', url: '/api/reference/provinces' })).statusCode).toBe(401);
  });
});
