import type { CaseDetail, CaseList } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

describe('case lifecycle: edits, transitions, timeline, audit chain, search', () => {
  let t: TestApp;
  let municipality: Agent;
  let coordinator: Agent;
  beforeAll(async () => {
    t = await startTestApp();
    municipality = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
  });
  afterAll(async () => {
    await t?.close();
  });

  const submit = async (overrides = {}) => {
    const r = await municipality.post('/api/cases', caseInput(overrides));
    expect(r.statusCode).toBe(201);
    return r.json<CaseDetail>();
  };
  const patch = (agent: Agent, id: string, payload: unknown, ifMatch?: string) =>
    agent.request({
      method: 'PATCH',
      url: `/api/cases/${id}`,
      payload: payload as object,
      headers: ifMatch ? { 'if-match': ifMatch } : {},
    });
  const transition = (agent: Agent, id: string, payload: unknown) =>
    agent.post(`/api/cases/${id}/transitions`, payload);

  describe('PATCH with If-Match', () => {
    it('needs If-Match (428), refuses a stale one (412), applies a fresh one and moves the ETag', async () => {
      const c = await submit();
      expect((await patch(municipality, c.id, { homesTotal: 500 })).statusCode).toBe(428);
      expect((await patch(municipality, c.id, { homesTotal: 500 }, '"7"')).statusCode).toBe(412);
      expect((await patch(municipality, c.id, { homesTotal: 500 }, 'garbage')).statusCode).toBe(412);
      const ok = await patch(
        municipality,
        c.id,
        { homesTotal: 500, description: 'Meer woningen mogelijk.' },
        '"1"',
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.json<CaseDetail>()).toMatchObject({
        homesTotal: 500,
        description: 'Meer woningen mogelijk.',
        version: 2,
      });
      expect((await patch(municipality, c.id, { homesTotal: 600 }, '"1"')).statusCode).toBe(412);
    });

    it('50 concurrent PATCHes with the same ETag: exactly one wins, 49 get 412', async () => {
      const c = await submit();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => patch(municipality, c.id, { homesTotal: 1000 + i }, '"1"')),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((s) => s === 200)).toHaveLength(1);
      expect(codes.filter((s) => s === 412)).toHaveLength(49);
      const winner = results.find((r) => r.statusCode === 200)!.json<CaseDetail>();
      const now = (await municipality.get(`/api/cases/${c.id}`)).json<CaseDetail>();
      expect(now.version).toBe(2);
      expect(now.homesTotal).toBe(winner.homesTotal);
      const events = (await municipality.get(`/api/cases/${c.id}/events`)).json<{
        items: { type: string }[];
      }>().items;
      expect(events.filter((e) => e.type === 'case.updated')).toHaveLength(1);
    });

    it('rejects bad edits without writing anything', async () => {
      const c = await submit({ homesTotal: 100 });
      expect((await patch(municipality, c.id, {}, '"1"')).statusCode).toBe(400);
      expect((await patch(municipality, c.id, { status: 'closed' }, '"1"')).statusCode).toBe(400);
      expect((await patch(municipality, c.id, { homesSocialOrAffordable: 101 }, '"1"')).statusCode).toBe(400);
      const after = (await municipality.get(`/api/cases/${c.id}`)).json<CaseDetail>();
      expect(after.version).toBe(1);
    });

    it('lets the municipality edit only before triage, and never another municipality', async () => {
      const c = await submit();
      const assen = await t.login(DEMO.assen);
      expect((await patch(assen, c.id, { homesTotal: 5 }, '"1"')).statusCode).toBe(404);
      expect((await transition(coordinator, c.id, { to: 'accepted' })).statusCode).toBe(200);
      expect((await patch(municipality, c.id, { homesTotal: 5 }, '"2"')).statusCode).toBe(403);
      expect((await patch(coordinator, c.id, { homesTotal: 5 }, '"2"')).statusCode).toBe(200);
    });
  });

  describe('transitions', () => {
    it('follows the table: accept → in progress → close with reason → reopen → in progress', async () => {
      const c = await submit();
      const accepted = await transition(coordinator, c.id, { to: 'accepted' });
      expect(accepted.json<CaseDetail>().status).toBe('accepted');
      expect((await transition(coordinator, c.id, { to: 'in_progress' })).json<CaseDetail>().status).toBe(
        'in_progress',
      );
      const noReason = await transition(coordinator, c.id, { to: 'closed' });
      expect(noReason.statusCode).toBe(409);
      expect(noReason.json().type).toMatch(/\/reason-required$/);
      expect(
        (await transition(coordinator, c.id, { to: 'closed', reason: 'Project is vervallen.' })).statusCode,
      ).toBe(200);
      expect(
        (await transition(coordinator, c.id, { to: 'reopened', reason: 'Nieuwe ontwikkelaar gevonden.' }))
          .statusCode,
      ).toBe(200);
      const back = await transition(coordinator, c.id, { to: 'in_progress' });
      expect(back.json<CaseDetail>()).toMatchObject({ status: 'in_progress' });
    });

    it('answers 409 naming the rule: no such edge, wrong role, dedicated command', async () => {
      const c = await submit();
      const skip = await transition(coordinator, c.id, { to: 'in_progress' });
      expect(skip.statusCode).toBe(409);
      expect(skip.json().type).toMatch(/\/no-such-edge$/);
      const role = await transition(municipality, c.id, { to: 'accepted' });
      expect(role.statusCode).toBe(409);
      expect(role.json().type).toMatch(/\/role-not-allowed$/);
      const direct = await transition(coordinator, c.id, { to: 'breakthrough' });
      expect(direct.statusCode).toBe(409);
      expect(direct.json().type).toMatch(/\/use-dedicated-command$/);
      expect((await transition(coordinator, c.id, { to: 'nonsense' })).statusCode).toBe(400);
      expect((await municipality.get(`/api/cases/${c.id}`)).json<CaseDetail>().status).toBe('submitted');
    });

    it('offers in the detail exactly the transitions the actor may take', async () => {
      const c = await submit();
      expect(c.availableTransitions.map((x) => x.to)).toEqual(['closed']);
      const asCoordinator = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
      expect(asCoordinator.availableTransitions.map((x) => x.to).sort()).toEqual([
        'accepted',
        'breakthrough',
        'closed',
        'rejected',
      ]);
      expect(asCoordinator.permissions).toMatchObject({
        edit: true,
        manageAssignments: true,
        escalate: true,
      });
    });

    it('lets the municipality withdraw its own submission with a reason', async () => {
      const c = await submit();
      const r = await transition(municipality, c.id, { to: 'closed', reason: 'Ingetrokken: dubbel gemeld.' });
      expect(r.statusCode).toBe(200);
      expect(r.json<CaseDetail>().status).toBe('closed');
    });

    it('honours If-Match on a transition when sent', async () => {
      const c = await submit();
      const stale = await coordinator.request({
        method: 'POST',
        url: `/api/cases/${c.id}/transitions`,
        payload: { to: 'accepted' },
        headers: { 'if-match': '"9"' },
      });
      expect(stale.statusCode).toBe(412);
    });
  });

  describe('timeline and audit chain', () => {
    it('records every change as an event, in order, with the actor', async () => {
      const c = await submit();
      await patch(municipality, c.id, { homesTotal: 321 }, '"1"');
      await transition(coordinator, c.id, { to: 'accepted' });
      const items = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{
        items: { seq: number; type: string; actorLabel: string; data: Record<string, unknown> }[];
      }>().items;
      expect(items.map((e) => [e.seq, e.type])).toEqual([
        [1, 'case.submitted'],
        [2, 'case.updated'],
        [3, 'case.status_changed'],
      ]);
      expect(items[0]!.actorLabel).toBe('Sanne de Vries (Gemeente Barendrecht)');
      expect(items[1]!.data).toMatchObject({
        before: { homesTotal: c.homesTotal },
        after: { homesTotal: 321 },
      });
      expect(items[2]!.data).toMatchObject({
        before: { status: 'submitted' },
        after: { status: 'accepted' },
      });
    });

    it('refuses UPDATE, DELETE and TRUNCATE on case events at the database', async () => {
      const c = await submit();
      await expect(
        t.db.query(`UPDATE case_events SET type = 'x' WHERE case_id = $1`, [c.id]),
      ).rejects.toThrow(/insert-only/);
      await expect(t.db.query(`DELETE FROM case_events WHERE case_id = $1`, [c.id])).rejects.toThrow(
        /insert-only/,
      );
      await expect(t.db.query(`TRUNCATE case_events`)).rejects.toThrow(/insert-only|cannot truncate/);
      const left: unknown[] = await t.db.query(`SELECT 1 FROM case_events WHERE case_id = $1`, [c.id]);
      expect(left).toHaveLength(1);
    });

    it('detects tampering by someone who bypasses the trigger', async () => {
      const c = await submit();
      await transition(coordinator, c.id, { to: 'accepted' });
      expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json()).toEqual({
        intact: true,
        events: 2,
        brokenAt: null,
        reason: null,
      });
      await t.db.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete`);
      await t.db.query(
        `UPDATE case_events SET data = jsonb_set(data, '{after,status}', '"rejected"') WHERE case_id = $1 AND seq = 2`,
        [c.id],
      );
      await t.db.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete`);
      expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json()).toMatchObject({
        intact: false,
        brokenAt: 2,
      });
      expect((await municipality.get(`/api/cases/${c.id}/events/verify`)).statusCode).toBe(403);
    });

    it('hides the timeline of another municipality’s case (404)', async () => {
      const c = await submit();
      const assen = await t.login(DEMO.assen);
      expect((await assen.get(`/api/cases/${c.id}/events`)).statusCode).toBe(404);
    });
  });

  describe('search, filters and pagination', () => {
    it('finds "netcongestie" when searching "netcongesties", and Dutch stems', async () => {
      const c = await submit({
        projectName: 'Woonwijk Het Zuidpark',
        description: 'Het project loopt vast op netcongestie bij de aansluiting.',
      });
      const found = (await municipality.get('/api/cases?q=netcongesties&limit=200'))
        .json<CaseList>()
        .items.map((x) => x.id);
      expect(found).toContain(c.id);
      const stem = (
        await municipality.get(`/api/cases?q=${encodeURIComponent('aansluitingen')}&limit=200`)
      ).json<CaseList>().items;
      expect(stem.map((x) => x.id)).toContain(c.id);
      const none = (await municipality.get('/api/cases?q=stikstofdepositie&limit=200')).json<CaseList>()
        .items;
      expect(none.map((x) => x.id)).not.toContain(c.id);
    });

    it('filters by status, knelpunt type, province, level and examples', async () => {
      const admin = await t.login(DEMO.admin);
      const list = async (qs: string) =>
        (await admin.get(`/api/cases?limit=200&${qs}`)).json<CaseList>().items;
      expect((await list('status=breakthrough')).every((c) => c.status === 'breakthrough')).toBe(true);
      expect((await list('status=breakthrough')).length).toBeGreaterThanOrEqual(3);
      expect((await list('knelpuntType=nitrogen')).every((c) => c.knelpuntTypes.includes('nitrogen'))).toBe(
        true,
      );
      expect((await list('province=PV21,PV22')).every((c) => ['PV21', 'PV22'].includes(c.provinceCode))).toBe(
        true,
      );
      expect((await list('level=national_table')).every((c) => c.levelCode === 'national_table')).toBe(true);
      expect((await list('examples=false')).every((c) => !c.isExample)).toBe(true);
      const byHomes = await list('sort=homes');
      expect(byHomes.map((c) => c.homesTotal)).toEqual(
        [...byHomes.map((c) => c.homesTotal)].sort((a, b) => b - a),
      );
    });

    it('keyset pagination returns every row exactly once while rows are inserted between pages', async () => {
      for (const sort of ['newest', 'oldest', 'homes']) {
        const before: { n: number }[] = await t.db.query(
          `SELECT count(*)::int AS n FROM cases WHERE municipality_code = 'GM0489'`,
        );
        const seen: string[] = [];
        let cursor: string | null = null;
        let inserted = 0;
        do {
          const page: CaseList = (
            await municipality.get(`/api/cases?limit=5&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`)
          ).json<CaseList>();
          seen.push(...page.items.map((c) => c.id));
          cursor = page.nextCursor;
          if (cursor && inserted < 4) {
            await submit();
            inserted += 1;
          }
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        // Every row that existed before the walk was seen (new rows may or may not be, by their sort position).
        const existing: { id: string }[] = await t.db.query(
          `SELECT id FROM cases WHERE municipality_code = 'GM0489' ORDER BY created_at LIMIT $1`,
          [before[0]!.n],
        );
        for (const row of existing) expect(seen).toContain(row.id);
      }
    });
  });
});
