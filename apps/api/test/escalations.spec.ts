import {
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  type Escalation,
  escalationSchema,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

describe('escalations: up the ladder and back to the lower table', () => {
  let t: TestApp;
  let barendrecht: Agent;
  let coordinator: Agent;
  let national: Agent;
  let liander: Agent;
  let assen: Agent;
  let lianderId: string;
  let nationalTableId: string;

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

  const escalate = (agent: Agent, caseId: string, extra: Record<string, unknown> = {}) =>
    agent.post(`/api/cases/${caseId}/escalations`, {
      toLevel: 'national_table',
      question: 'Kan de landelijke tafel een netaansluiting met voorrang regelen?',
      ...extra,
    });

  beforeAll(async () => {
    t = await startTestApp();
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    national = await t.login(DEMO.national);
    liander = await t.login(DEMO.liander);
    assen = await t.login(DEMO.assen);
    const orgs: { id: string; name: string }[] = await t.db.query(
      `SELECT id, name FROM organisations WHERE name IN ('Liander', 'Landelijke versnellingstafel')`,
    );
    lianderId = orgs.find((o) => o.name === 'Liander')?.id as string;
    nationalTableId = orgs.find((o) => o.name === 'Landelijke versnellingstafel')?.id as string;
    expect(lianderId).toBeTruthy();
    expect(nationalTableId).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('escalates to the national table; the national user sees and decides it; the case returns', async () => {
    const c = await caseInProgress();
    expect(c.levelCode).toBe('woondeal_table');
    expect((await national.get(`/api/cases/${c.id}`)).statusCode).toBe(404);

    const opened = await escalate(coordinator, c.id, {
      ownerOrganisationId: nationalTableId,
      dueDate: '2099-06-30',
    });
    expect(opened.statusCode).toBe(201);
    const escalation = escalationSchema.parse(opened.json());
    expect(escalation).toMatchObject({
      caseId: c.id,
      fromLevel: 'woondeal_table',
      toLevel: 'national_table',
      ownerOrganisationId: nationalTableId,
      ownerOrganisationName: 'Landelijke versnellingstafel',
      dueDate: '2099-06-30',
      outcome: null,
      outcomeNote: null,
      decidedAt: null,
    });
    expect(opened.headers.location).toBe(`/api/cases/${c.id}/escalations/${escalation.id}`);

    const escalated = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(escalated).toMatchObject({ status: 'escalated', levelCode: 'national_table', levelRank: 3 });
    expect(escalated.escalations).toEqual([escalation]);
    expect(escalated.version).toBe(c.version + 1);

    const nationalList = (await national.get('/api/cases?limit=200')).json<CaseList>().items;
    expect(nationalList.map((i) => i.id)).toContain(c.id);
    const nationalView = (await national.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(nationalView.permissions.escalate).toBe(true);

    const second = await escalate(coordinator, c.id, { toLevel: 'ministerial_taskforce' });
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toBe(`${PROBLEM_TYPES.conflict}/open-escalation-exists`);

    const url = `/api/cases/${c.id}/escalations/${escalation.id}`;
    const decided = await patch(national, url, {
      outcome: 'returned',
      note: 'Terug naar de regio: eerst netbewust aansluiten onderzoeken.',
    });
    expect(decided.statusCode).toBe(200);
    const answer = escalationSchema.parse(decided.json());
    expect(answer).toMatchObject({
      id: escalation.id,
      outcome: 'returned',
      outcomeNote: 'Terug naar de regio: eerst netbewust aansluiten onderzoeken.',
    });
    expect(answer.decidedAt).not.toBeNull();

    const back = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(back).toMatchObject({
      status: 'in_progress',
      levelCode: 'woondeal_table',
      version: c.version + 2,
    });
    expect(back.escalations).toEqual([answer]);
    // Back at the lower table: out of the national scope again.
    expect((await national.get(`/api/cases/${c.id}`)).statusCode).toBe(404);

    const again = await patch(coordinator, url, { outcome: 'withdrawn', note: 'Toch niet.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe(`${PROBLEM_TYPES.conflict}/escalation-closed`);

    const events = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{ items: CaseEvent[] }>().items;
    expect(events.map((e) => e.type)).toEqual([
      'case.submitted',
      'case.status_changed',
      'case.status_changed',
      'escalation.opened',
      'case.status_changed',
      'escalation.decided',
      'case.status_changed',
    ]);
    expect(events[4]?.data).toMatchObject({
      before: { status: 'in_progress', level: 'woondeal_table' },
      after: { status: 'escalated', level: 'national_table' },
      escalationId: escalation.id,
    });
    expect(events[6]?.data).toMatchObject({
      before: { status: 'escalated', level: 'national_table' },
      after: { status: 'in_progress', level: 'woondeal_table' },
      outcome: 'returned',
    });
    expect(events[6]?.actorLabel).toContain('Landelijke versnellingstafel');
    expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json()).toMatchObject({
      intact: true,
      events: 7,
    });

    // The ladder is open again: a new escalation can be opened.
    expect((await escalate(coordinator, c.id, { toLevel: 'regional_table' })).statusCode).toBe(201);
  });

  it('a decision also returns the case to the lower table, with the decision in the event', async () => {
    const c = await caseInProgress();
    const escalation = (await escalate(coordinator, c.id)).json<Escalation>();
    const decided = await patch(national, `/api/cases/${c.id}/escalations/${escalation.id}`, {
      outcome: 'decided',
      note: 'Voorrang bij aansluiting toegekend.',
    });
    expect(decided.statusCode).toBe(200);
    const back = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(back).toMatchObject({ status: 'in_progress', levelCode: 'woondeal_table' });
    const events = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{ items: CaseEvent[] }>().items;
    expect(events.at(-1)?.data).toMatchObject({
      outcome: 'decided',
      decision: 'Voorrang bij aansluiting toegekend.',
    });
  });

  it('refuses a level that is not above the current one, and escalating from the wrong status', async () => {
    const c = await caseInProgress();
    await t.db.query(`UPDATE cases SET level_code = 'national_table' WHERE id = $1`, [c.id]);
    for (const toLevel of ['regional_table', 'national_table']) {
      const r = await escalate(coordinator, c.id, { toLevel });
      expect(r.statusCode).toBe(409);
      expect(r.json().type).toBe(`${PROBLEM_TYPES.conflict}/level-not-above`);
    }
    // The national user runs the table once a case is national and may escalate it further.
    const up = await escalate(national, c.id, { toLevel: 'ministerial_taskforce' });
    expect(up.statusCode).toBe(201);
    expect(up.json<Escalation>()).toMatchObject({
      fromLevel: 'national_table',
      toLevel: 'ministerial_taskforce',
    });

    const created = (await barendrecht.post('/api/cases', caseInput())).json<CaseDetail>();
    const early = await escalate(coordinator, created.id);
    expect(early.statusCode).toBe(409);
    expect(early.json().type).toBe(`${PROBLEM_TYPES.conflict}/no-such-edge`);
    const rows: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM case_escalations WHERE case_id = $1`,
      [created.id],
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('validates the input: unknown owner organisation, unknown level, blank question', async () => {
    const c = await caseInProgress();
    const owner = await escalate(coordinator, c.id, {
      ownerOrganisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(owner.statusCode).toBe(400);
    expect(owner.json().errors.map((e: { field: string }) => e.field)).toEqual(['ownerOrganisationId']);
    const level = await escalate(coordinator, c.id, { toLevel: 'woondeal_table' });
    expect(level.statusCode).toBe(400);
    expect(level.json().errors[0].field).toBe('toLevel');
    const blank = await escalate(coordinator, c.id, { question: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('question');
    expect((await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>().status).toBe('in_progress');

    const escalation = (await escalate(coordinator, c.id)).json<Escalation>();
    const badOutcome = await patch(coordinator, `/api/cases/${c.id}/escalations/${escalation.id}`, {
      outcome: 'maybe',
      note: 'x',
    });
    expect(badOutcome.statusCode).toBe(400);
    expect(badOutcome.json().errors[0].field).toBe('outcome');
  });

  it('answers 403 to roles that do not run the table and 404 outside the scope or for a foreign escalation', async () => {
    const c = await caseInProgress();
    const d = await caseInProgress();
    expect(
      (
        await coordinator.post(`/api/cases/${c.id}/assignments`, {
          organisationId: lianderId,
          role: 'lead',
          requestedAction: 'Meedenken.',
        })
      ).statusCode,
    ).toBe(201);
    expect((await escalate(liander, c.id)).statusCode).toBe(403);
    expect((await escalate(barendrecht, c.id)).statusCode).toBe(403);
    expect((await escalate(assen, c.id)).statusCode).toBe(404);
    // A national user does not see a case below the national level at all.
    expect((await escalate(national, c.id)).statusCode).toBe(404);

    const escalation = (await escalate(coordinator, c.id)).json<Escalation>();
    const url = `/api/cases/${c.id}/escalations/${escalation.id}`;
    const decision = { outcome: 'withdrawn', note: 'Opgelost in de regio.' };
    expect((await patch(liander, url, decision)).statusCode).toBe(403);
    expect((await patch(barendrecht, url, decision)).statusCode).toBe(403);
    const outside = await patch(assen, url, decision);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().detail).toBe('Dossier niet gevonden.');
    expect(
      (await patch(coordinator, `/api/cases/${d.id}/escalations/${escalation.id}`, decision)).statusCode,
    ).toBe(404);
    expect(
      (
        await patch(
          coordinator,
          `/api/cases/${c.id}/escalations/00000000-0000-4000-8000-000000000000`,
          decision,
        )
      ).statusCode,
    ).toBe(404);
    expect((await patch(coordinator, `/api/cases/${c.id}/escalations/x`, decision)).statusCode).toBe(404);

    // The coordinator (in scope, runs the table) may withdraw its own question.
    const withdrawn = await patch(coordinator, url, decision);
    expect(withdrawn.statusCode).toBe(200);
    expect((await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>()).toMatchObject({
      status: 'in_progress',
      levelCode: 'woondeal_table',
    });
  });

  it('an escalation left open by closing the case can still be answered, without moving the case', async () => {
    const c = await caseInProgress();
    const escalation = (await escalate(coordinator, c.id)).json<Escalation>();
    const closed = await coordinator.post(`/api/cases/${c.id}/transitions`, {
      to: 'closed',
      reason: 'Project gaat niet door.',
    });
    expect(closed.statusCode).toBe(200);
    const answered = await patch(coordinator, `/api/cases/${c.id}/escalations/${escalation.id}`, {
      outcome: 'withdrawn',
      note: 'Dossier gesloten.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json<Escalation>().outcome).toBe('withdrawn');
    expect((await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>()).toMatchObject({
      status: 'closed',
      levelCode: 'national_table',
    });
    expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json().intact).toBe(true);
  });

  it('lets only one of two concurrent escalations through', async () => {
    const c = await caseInProgress();
    const [a, b] = await Promise.all([escalate(coordinator, c.id), escalate(coordinator, c.id)]);
    const [winner, loser] = [a, b].sort((x, y) => x.statusCode - y.statusCode);
    expect(winner?.statusCode).toBe(201);
    // The loser waited on the case row lock and then sees the winner's open escalation.
    expect(loser?.statusCode).toBe(409);
    expect(loser?.json().type).toMatch(/\/open-escalation-exists$/);
    const rows: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM case_escalations WHERE case_id = $1`,
      [c.id],
    );
    expect(rows[0]?.n).toBe(1);
    expect((await coordinator.get(`/api/cases/${c.id}/events/verify`)).json().intact).toBe(true);
  });
});
