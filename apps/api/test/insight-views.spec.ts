import {
  type CaseList,
  caseListSchema,
  OPEN_STATUSES,
  savedViewListSchema,
  savedViewSchema,
} from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

describe('insight: saved views (work queues)', () => {
  let t: TestApp;
  let coordinator: Agent;
  let colleague: Agent;
  let barendrecht: Agent;
  let admin: Agent;

  /** Every case of a paged list endpoint, following nextCursor. */
  async function all(agent: Agent, url: string, limit = 7): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const sep = url.includes('?') ? '&' : '?';
      const response = await agent.get(
        `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const page: CaseList = caseListSchema.parse(response.json());
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }

  const views = async (agent: Agent, withCounts = true) => {
    const response = await agent.get(`/api/views${withCounts ? '?withCounts=true' : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    return savedViewListSchema.parse(response.json()).items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.login(DEMO.coordinatorZh);
    barendrecht = await t.login(DEMO.barendrecht);
    admin = await t.login(DEMO.admin);
    // A second member of the Zuid-Holland table, with the demo password.
    await t.db.query(
      `INSERT INTO users (email, name, password_hash, role, organisation_id)
       SELECT 'collega.zh@demo.doorbraak.nl', 'Collega Zuid-Holland', password_hash, role, organisation_id
         FROM users WHERE email = $1`,
      [DEMO.coordinatorZh],
    );
    colleague = await t.login('collega.zh@demo.doorbraak.nl');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the demo tables start with shared work queues, and every count is the length of its list', async () => {
    const stedin: { id: string }[] = await t.db.query(`SELECT id FROM organisations WHERE name = 'Stedin'`);
    const mine = await views(coordinator);
    expect(mine.map((v) => v.name).sort()).toEqual(['Landelijk', 'Te laat', 'Wacht op netbeheerder']);
    expect(mine.every((v) => v.shared && v.own)).toBe(true);
    expect(mine.find((v) => v.name === 'Te laat')?.filters).toEqual({
      overdue: 'true',
      status: OPEN_STATUSES.join(','),
    });
    expect(mine.find((v) => v.name === 'Wacht op netbeheerder')?.filters).toEqual({ party: stedin[0]?.id });
    expect(mine.find((v) => v.name === 'Landelijk')?.filters).toEqual({
      level: 'national_table,ministerial_taskforce',
    });
    for (const view of mine) {
      const behind = await all(coordinator, `/api/views/${view.id}/cases`);
      expect(view.count, view.name).toBe(behind.length);
      const query = new URLSearchParams(view.filters).toString();
      expect(await all(coordinator, `/api/cases?${query}`, 200)).toEqual(behind);
    }
    expect(mine.find((v) => v.name === 'Wacht op netbeheerder')?.count).toBeGreaterThan(0);
    expect(mine.find((v) => v.name === 'Landelijk')?.count).toBeGreaterThan(0);

    const adminViews = await views(admin);
    expect(adminViews.map((v) => v.name).sort()).toEqual(['Landelijk', 'Te laat', 'Wacht op netbeheerder']);
    for (const view of adminViews) {
      expect(view.count, view.name).toBe((await all(admin, `/api/views/${view.id}/cases`, 50)).length);
    }
    expect(adminViews.find((v) => v.name === 'Te laat')?.count).toBeGreaterThan(0);
    // Without ?withCounts the list is cheap: no counts.
    expect((await views(coordinator, false)).every((v) => v.count === undefined)).toBe(true);
  });

  it('saves a view, stores its filters canonically, runs it in the caller’s scope', async () => {
    const created = await coordinator.post('/api/views', {
      name: 'Netcongestie in behandeling',
      filters: { status: 'in_progress, escalated', knelpuntType: 'grid_congestion', sort: 'homes' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = savedViewSchema.parse(created.json());
    expect(created.headers.location).toBe(`/api/views/${view.id}`);
    expect(view).toMatchObject({
      name: 'Netcongestie in behandeling',
      shared: false,
      own: true,
      ownerName: 'Fatima El Amrani',
      filters: { status: 'in_progress,escalated', knelpuntType: 'grid_congestion', sort: 'homes' },
    });
    const listed = (await views(coordinator)).find((v) => v.id === view.id);
    const behind = await all(coordinator, `/api/views/${view.id}/cases`, 2);
    expect(listed?.count).toBe(behind.length);
    expect(behind).toEqual(
      await all(
        coordinator,
        '/api/cases?status=in_progress,escalated&knelpuntType=grid_congestion&sort=homes',
        200,
      ),
    );

    // Not shared: the colleague does not see it; the same name twice is a conflict.
    expect((await views(colleague)).some((v) => v.id === view.id)).toBe(false);
    expect((await colleague.get(`/api/views/${view.id}/cases`)).statusCode).toBe(404);
    const again = await coordinator.post('/api/views', { name: 'Netcongestie in behandeling', filters: {} });
    expect(again.statusCode).toBe(409);
  });

  it('a shared view is a work queue for the whole organisation, counted in each member’s scope', async () => {
    const created = await coordinator.post('/api/views', {
      name: 'Zuid-Holland, veel woningen',
      shared: true,
      filters: { province: 'PV28', sort: 'homes' },
    });
    expect(created.statusCode).toBe(201);
    const view = savedViewSchema.parse(created.json());
    const seen = (await views(colleague)).find((v) => v.id === view.id);
    expect(seen).toMatchObject({ shared: true, own: false, ownerName: 'Fatima El Amrani' });
    expect(seen?.count).toBe((await all(colleague, `/api/views/${view.id}/cases`)).length);
    // Other organisations never see it.
    expect((await views(barendrecht)).some((v) => v.id === view.id)).toBe(false);
    expect((await barendrecht.get(`/api/views/${view.id}/cases`)).statusCode).toBe(404);
    // Only the owner deletes it.
    const byColleague = await colleague.request({ method: 'DELETE', url: `/api/views/${view.id}` });
    expect(byColleague.statusCode).toBe(403);
    const byOwner = await coordinator.request({ method: 'DELETE', url: `/api/views/${view.id}` });
    expect(byOwner.statusCode).toBe(204);
    expect((await coordinator.get(`/api/views/${view.id}/cases`)).statusCode).toBe(404);
    expect((await coordinator.request({ method: 'DELETE', url: `/api/views/${view.id}` })).statusCode).toBe(
      404,
    );
  });

  it('refuses filters GET /api/cases would refuse, and cursor or limit as filters', async () => {
    for (const filters of [
      { status: 'waiting' },
      { province: 'Zuid-Holland' },
      { cursor: 'abc' },
      { limit: '10' },
      { colour: 'red' },
    ]) {
      const response = await coordinator.post('/api/views', {
        name: `Fout ${JSON.stringify(filters)}`,
        filters,
      });
      expect(response.statusCode, JSON.stringify(filters)).toBe(400);
      expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field).toMatch(/^filters/);
    }
    expect((await coordinator.post('/api/views', { name: ' ', filters: {} })).statusCode).toBe(400);
    expect((await coordinator.get('/api/views/not-a-uuid/cases')).statusCode).toBe(404);
  });
});
