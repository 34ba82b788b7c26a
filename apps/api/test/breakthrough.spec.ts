import {
  type Assignment,
  type CaseDetail,
  type CaseEvent,
  caseDetailSchema,
  type CaseList,
  type Escalation,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BreakthroughList, breakthroughListSchema } from '../src/modules/cases/breakthrough.dto';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const amsterdamDay = (offsetDays = 0) => DAY.format(new Date(Date.now() + offsetDays * 86_400_000));

describe('breakthroughs: recording one and the portfolio list', () => {
  let t: TestApp;
  let barendrecht: Agent;
  let coordinator: Agent;
  let national: Agent;
  let liander: Agent;
  let assen: Agent;
  let lianderId: string;

  const patch = (agent: Agent, url: string, payload: unknown) =>
    agent.request({ method: 'PATCH', url, payload: payload as string });

  async function caseInProgress(): Promise<CaseDetail> {
    const created = await barendrecht.post('/api/cases', caseInput());
    expect(created.statusCode).toBe(201);
    const id = created.json<CaseDetail>().id;
    expect((await coordinator.post(`/api/cases/${id}/transitions`, { to: 'accepted' })).statusCode).toBe(200);
    const started = await coordinator.post(`/api/cases/${id}/transitions`, { to: 'in_progress' });
    expect(started.statusCode).toBe(200);
    return started.json<CaseDetail>();
  }

  const breakthrough = (overrides: Record<string, unknown> = {}) => ({
    date: amsterdamDay(),
    homesUnblocked: 1200,
    solutionType: 'local_grid_solution',
    narrative: 'Netbewust aansluiten met een buurtbatterij; Liander sluit de eerste fase in 2026 aan.',
    partiesCredited: [lianderId],
    ...overrides,
  });

  const list = async (agent: Agent, query = '') => {
    const response = await agent.get(`/api/breakthroughs${query}`);
    expect(response.statusCode).toBe(200);
    return breakthroughListSchema.parse(response.json());
  };

  beforeAll(async () => {
    t = await startTestApp();
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    national = await t.login(DEMO.national);
    liander = await t.login(DEMO.liander);
    assen = await t.login(DEMO.assen);
    const orgs: { id: string }[] = await t.db.query(`SELECT id FROM organisations WHERE name = 'Liander'`);
    lianderId = orgs[0]?.id as string;
    expect(lianderId).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the whole story: assign, escalate, decide, record 1,200 homes; listed, totalled, audited', async () => {
    const c = await caseInProgress();
    const assignment = await coordinator.post(`/api/cases/${c.id}/assignments`, {
      organisationId: lianderId,
      role: 'lead',
      requestedAction: 'Onderzoek een lokale netoplossing.',
    });
    expect(assignment.statusCode).toBe(201);
    const assignmentUrl = `/api/cases/${c.id}/assignments/${assignment.json<Assignment>().id}`;
    expect((await liander.get('/api/cases?limit=200')).json<CaseList>().items.map((i) => i.id)).toContain(
      c.id,
    );
    expect((await patch(liander, assignmentUrl, { actionStatus: 'done' })).statusCode).toBe(200);

    const escalation = await coordinator.post(`/api/cases/${c.id}/escalations`, {
      toLevel: 'national_table',
      question: 'Voorrang voor de aansluiting?',
    });
    expect(escalation.statusCode).toBe(201);
    const decided = await patch(
      national,
      `/api/cases/${c.id}/escalations/${escalation.json<Escalation>().id}`,
      {
        outcome: 'returned',
        note: 'Lokale oplossing met Liander uitwerken.',
      },
    );
    expect(decided.statusCode).toBe(200);

    const recorded = await coordinator.post(`/api/cases/${c.id}/breakthrough`, breakthrough());
    expect(recorded.statusCode).toBe(201);
    const detail = caseDetailSchema.parse(recorded.json());
    expect(detail.status).toBe('breakthrough');
    expect(detail.levelCode).toBe('woondeal_table');
    expect(detail.breakthrough).toMatchObject({
      caseId: c.id,
      date: amsterdamDay(),
      homesUnblocked: 1200,
      solutionType: 'local_grid_solution',
      partiesCredited: [{ id: lianderId, name: 'Liander' }],
    });
    expect(recorded.headers.etag).toBe(`"${detail.version}"`);
    expect((await coordinator.get(`/api/cases/${c.id}`)).json()).toEqual(detail);

    const portfolio = await list(coordinator, '?limit=200');
    const item = portfolio.items.find((i) => i.caseId === c.id);
    expect(item).toEqual({
      id: detail.breakthrough?.id,
      caseId: c.id,
      caseReference: detail.reference,
      projectName: detail.projectName,
      municipalityCode: 'GM0489',
      municipalityName: 'Barendrecht',
      provinceCode: 'PV28',
      provinceName: 'Zuid-Holland',
      homesUnblocked: 1200,
      solutionType: 'local_grid_solution',
      date: amsterdamDay(),
    });
    const sums: { n: number; homes: number }[] = await t.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(b.homes_unblocked), 0)::int AS homes
         FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id WHERE b.current AND c.province_code = 'PV28'`,
    );
    expect(portfolio.count).toBe(sums[0]?.n);
    expect(portfolio.totalHomesUnblocked).toBe(sums[0]?.homes);
    expect(portfolio.totalHomesUnblocked).toBeGreaterThanOrEqual(1200);
    expect((await list(barendrecht)).items.map((i) => i.caseId)).toContain(c.id);
    expect((await list(assen)).items.map((i) => i.caseId)).not.toContain(c.id);

    const events = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{ items: CaseEvent[] }>().items;
    expect(events.map((e) => e.type)).toEqual([
      'case.submitted',
      'case.status_changed',
      'case.status_changed',
      'assignment.created',
      'assignment.updated',
      'escalation.opened',
      'case.status_changed',
      'escalation.decided',
      'case.status_changed',
      'breakthrough.recorded',
      'case.status_changed',
    ]);
    expect(events.at(-2)?.data).toMatchObject({ after: { homesUnblocked: 1200 } });
    expect(events.at(-1)?.data).toMatchObject({
      before: { status: 'in_progress' },
      after: { status: 'breakthrough' },
    });
    expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json()).toEqual({
      intact: true,
      events: 11,
      brokenAt: null,
      reason: null,
    });

    // Done: a second breakthrough is not an edge from `breakthrough`.
    const twice = await coordinator.post(`/api/cases/${c.id}/breakthrough`, breakthrough());
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toBe(`${PROBLEM_TYPES.conflict}/no-such-edge`);
    // And parties can no longer be managed on a closed case.
    expect((await patch(coordinator, assignmentUrl, { role: 'informed' })).statusCode).toBe(403);
  });

  it('rejects invalid input with field errors and leaves the case untouched', async () => {
    const c = await caseInProgress();
    const fields = async (payload: unknown) => {
      const r = await coordinator.post(`/api/cases/${c.id}/breakthrough`, payload);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.json().type).toBe(PROBLEM_TYPES.validation);
      return (r.json().errors as { field: string }[]).map((e) => e.field);
    };
    expect(await fields(breakthrough({ homesUnblocked: 0 }))).toEqual(['homesUnblocked']);
    expect(await fields(breakthrough({ narrative: '  ' }))).toEqual(['narrative']);
    expect(await fields(breakthrough({ solutionType: 'magic' }))).toEqual(['solutionType']);
    expect(
      await fields(breakthrough({ partiesCredited: [lianderId, '00000000-0000-4000-8000-000000000000'] })),
    ).toEqual(['partiesCredited.1']);
    expect(await fields(breakthrough({ date: '2020-01-01' }))).toEqual(['date']);
    expect(await fields(breakthrough({ date: amsterdamDay(2) }))).toEqual(['date']);
    expect(await fields(breakthrough({ date: '2026-02-30' }))).toEqual(['date']);

    const after = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(after).toMatchObject({ status: 'in_progress', version: c.version, breakthrough: null });
    const stored: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM case_breakthroughs WHERE case_id = $1`,
      [c.id],
    );
    expect(stored[0]?.n).toBe(0);

    // A date in the past is fine when it is not before the submission.
    await t.db.query(`UPDATE cases SET created_at = now() - interval '60 days' WHERE id = $1`, [c.id]);
    const past = await coordinator.post(
      `/api/cases/${c.id}/breakthrough`,
      breakthrough({ date: amsterdamDay(-30), partiesCredited: [] }),
    );
    expect(past.statusCode).toBe(201);
    expect(past.json<CaseDetail>().breakthrough).toMatchObject({
      date: amsterdamDay(-30),
      partiesCredited: [],
    });
  });

  it('answers 404 outside the scope and 403 to roles that do not run the table', async () => {
    const c = await caseInProgress();
    await coordinator.post(`/api/cases/${c.id}/assignments`, {
      organisationId: lianderId,
      role: 'contributor',
      requestedAction: 'Meedenken.',
    });
    const outside = await assen.post(`/api/cases/${c.id}/breakthrough`, breakthrough());
    expect(outside.statusCode).toBe(404);
    expect(outside.json().detail).toBe('Dossier niet gevonden.');
    expect((await national.post(`/api/cases/${c.id}/breakthrough`, breakthrough())).statusCode).toBe(404);
    expect((await liander.post(`/api/cases/${c.id}/breakthrough`, breakthrough())).statusCode).toBe(403);
    expect((await barendrecht.post(`/api/cases/${c.id}/breakthrough`, breakthrough())).statusCode).toBe(403);
    expect((await coordinator.post(`/api/cases/not-a-uuid/breakthrough`, breakthrough())).statusCode).toBe(
      404,
    );
    expect((await t.request({ method: 'GET', url: '/api/breakthroughs' })).statusCode).toBe(401);
  });

  it('a breakthrough while escalated closes the open escalation as decided and keeps the higher level', async () => {
    const c = await caseInProgress();
    const escalation = (
      await coordinator.post(`/api/cases/${c.id}/escalations`, {
        toLevel: 'national_table',
        question: 'Kan het Rijk bijspringen?',
      })
    ).json<Escalation>();
    const recorded = await national.post(
      `/api/cases/${c.id}/breakthrough`,
      breakthrough({ homesUnblocked: 3500, solutionType: 'agreement_public_private' }),
    );
    expect(recorded.statusCode).toBe(201);
    const detail = recorded.json<CaseDetail>();
    expect(detail).toMatchObject({ status: 'breakthrough', levelCode: 'national_table' });
    expect(detail.escalations[0]).toMatchObject({ id: escalation.id, outcome: 'decided' });
    expect((await list(national, '?limit=200')).items.map((i) => i.caseId)).toContain(c.id);
    const events = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{ items: CaseEvent[] }>().items;
    expect(events.slice(-3).map((e) => e.type)).toEqual([
      'breakthrough.recorded',
      'escalation.decided',
      'case.status_changed',
    ]);
    expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json().intact).toBe(true);
  });

  it('a reopened case no longer counts; solving it again counts the new breakthrough once', async () => {
    const c = await caseInProgress();
    const first = (
      await coordinator.post(`/api/cases/${c.id}/breakthrough`, breakthrough())
    ).json<CaseDetail>();
    const before = await list(coordinator, '?limit=200');
    expect(before.items.filter((i) => i.caseId === c.id)).toHaveLength(1);

    const reopened = await coordinator.post(`/api/cases/${c.id}/transitions`, {
      to: 'reopened',
      reason: 'De netoplossing gaat niet door.',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<CaseDetail>().breakthrough).toBeNull();
    const during = await list(coordinator, '?limit=200');
    expect(during.items.map((i) => i.caseId)).not.toContain(c.id);
    expect(during.totalHomesUnblocked).toBe(before.totalHomesUnblocked - 1200);

    const again = await coordinator.post(
      `/api/cases/${c.id}/breakthrough`,
      breakthrough({ homesUnblocked: 800, solutionType: 'zoning_adjusted' }),
    );
    expect(again.statusCode).toBe(201);
    const second = again.json<CaseDetail>().breakthrough;
    expect(second?.id).not.toBe(first.breakthrough?.id);
    const after = await list(coordinator, '?limit=200');
    expect(after.items.filter((i) => i.caseId === c.id).map((i) => i.homesUnblocked)).toEqual([800]);
    expect(after.totalHomesUnblocked).toBe(during.totalHomesUnblocked + 800);
  });

  it('documents the assignment, escalation and breakthrough endpoints in OpenAPI', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json<{
      paths: Record<string, Record<string, { summary?: string; requestBody?: unknown; responses?: object }>>;
    }>();
    const expected: [string, string[]][] = [
      ['/api/cases/{id}/assignments', ['post']],
      ['/api/cases/{id}/assignments/{assignmentId}', ['patch', 'delete']],
      ['/api/cases/{id}/escalations', ['post']],
      ['/api/cases/{id}/escalations/{escalationId}', ['patch']],
      ['/api/cases/{id}/breakthrough', ['post']],
      ['/api/breakthroughs', ['get']],
    ];
    for (const [path, methods] of expected) {
      for (const method of methods) {
        const op = doc.paths[path]?.[method];
        expect(op?.summary, `${method} ${path}`).toBeTruthy();
        if (method === 'post' || method === 'patch')
          expect(op?.requestBody, `${method} ${path}`).toBeTruthy();
      }
    }
  });

  it('pages with a keyset cursor, newest first, every breakthrough exactly once', async () => {
    const cases = [await caseInProgress(), await caseInProgress(), await caseInProgress()];
    for (const [index, c] of cases.entries()) {
      await t.db.query(`UPDATE cases SET created_at = now() - interval '30 days' WHERE id = $1`, [c.id]);
      const r = await coordinator.post(
        `/api/cases/${c.id}/breakthrough`,
        breakthrough({ date: amsterdamDay(-index), homesUnblocked: 100 + index }),
      );
      expect(r.statusCode).toBe(201);
    }
    const all = await list(coordinator, '?limit=200');
    const seen: BreakthroughList['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(coordinator, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.count).toBe(all.count);
      expect(page.totalHomesUnblocked).toBe(all.totalHomesUnblocked);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all.items);
    expect(seen.length).toBe(all.count);
    for (let i = 1; i < seen.length; i += 1) {
      const a = seen[i - 1]!;
      const b = seen[i]!;
      expect(a.date > b.date || (a.date === b.date && a.homesUnblocked >= b.homesUnblocked)).toBe(true);
    }
    expect((await coordinator.get('/api/breakthroughs?cursor=bogus')).statusCode).toBe(400);
    expect((await coordinator.get('/api/breakthroughs?limit=0')).statusCode).toBe(400);
    expect((await coordinator.get('/api/breakthroughs?unknown=1')).statusCode).toBe(400);
  });
});
