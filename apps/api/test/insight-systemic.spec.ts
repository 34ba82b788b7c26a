import {
  type CaseDetail,
  type CaseEvent,
  insightDashboardSchema,
  systemicBlockersSchema,
  systemicKnelpuntListSchema,
  systemicKnelpuntSchema,
} from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

describe('insight: systemic blockers and bundling them into one systemic knelpunt', () => {
  let t: TestApp;
  let barendrecht: Agent;
  let assen: Agent;
  let coordinator: Agent;
  let national: Agent;
  let admin: Agent;
  let provinceZh: string;
  let stedin: string;

  const events = async (agent: Agent, id: string) =>
    (await agent.get(`/api/cases/${id}/events`)).json<{ items: CaseEvent[] }>().items;

  /** A Barendrecht case in progress with the party assigned (coordinator of Zuid-Holland). */
  async function caseWithParty(
    knelpuntTypes: string[],
    party: string,
    homesTotal = 200,
  ): Promise<CaseDetail> {
    const created = await barendrecht.post('/api/cases', caseInput({ knelpuntTypes, homesTotal }));
    expect(created.statusCode).toBe(201);
    const id = created.json<CaseDetail>().id;
    expect((await coordinator.post(`/api/cases/${id}/transitions`, { to: 'accepted' })).statusCode).toBe(200);
    expect((await coordinator.post(`/api/cases/${id}/transitions`, { to: 'in_progress' })).statusCode).toBe(
      200,
    );
    const assigned = await coordinator.post(`/api/cases/${id}/assignments`, {
      organisationId: party,
      role: 'lead',
      requestedAction: 'Zoek een oplossing voor het terugkerende knelpunt.',
    });
    expect(assigned.statusCode).toBe(201);
    return (await coordinator.get(`/api/cases/${id}`)).json<CaseDetail>();
  }

  const blockers = async (agent: Agent, query: string) => {
    const response = await agent.get(`/api/insight/systemic-blockers${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return systemicBlockersSchema.parse(response.json()).items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    barendrecht = await t.login(DEMO.barendrecht);
    assen = await t.login(DEMO.assen);
    coordinator = await t.login(DEMO.coordinatorZh);
    national = await t.login(DEMO.national);
    admin = await t.login(DEMO.admin);
    const orgs: { id: string; name: string }[] = await t.db.query(
      `SELECT id, name FROM organisations WHERE name IN ('Provincie Zuid-Holland', 'Stedin')`,
    );
    provinceZh = orgs.find((o) => o.name === 'Provincie Zuid-Holland')?.id as string;
    stedin = orgs.find((o) => o.name === 'Stedin')?.id as string;
    expect(provinceZh && stedin).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('groups open cases by knelpunt type × province × party, only from two cases up', async () => {
    const a = await caseWithParty(['species_protection'], provinceZh, 310);
    const alone = await caseWithParty(['species_protection'], stedin, 40);
    let groups = await blockers(coordinator, '?knelpuntType=species_protection&province=PV28');
    let ours = groups.find((g) => g.partyOrganisationId === provinceZh);
    const before = ours?.openCases ?? 0;
    expect(groups.find((g) => g.cases.some((c) => c.id === alone.id))).toBeUndefined();

    const b = await caseWithParty(['species_protection', 'procedures'], provinceZh, 520);
    groups = await blockers(coordinator, '?knelpuntType=species_protection&province=PV28');
    ours = groups.find((g) => g.partyOrganisationId === provinceZh);
    expect(ours).toMatchObject({
      knelpuntType: 'species_protection',
      knelpuntLabel: 'Soortenbescherming',
      provinceCode: 'PV28',
      provinceName: 'Zuid-Holland',
      partyName: 'Provincie Zuid-Holland',
    });
    expect(ours?.openCases).toBe(Math.max(before, 1) + 1);
    expect(ours?.cases.map((c) => c.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    // Most homes first; the homes add up over the whole group.
    expect(ours?.cases[0]?.homesTotal).toBeGreaterThanOrEqual(ours?.cases[1]?.homesTotal ?? 0);
    const homes: { homes: number }[] = await t.db.query(
      `SELECT coalesce(sum(homes_total), 0)::int AS homes FROM cases WHERE id = ANY($1::uuid[])`,
      [ours?.cases.map((c) => c.id)],
    );
    expect(ours?.homesAtStake).toBe(homes[0]?.homes);
    for (const group of await blockers(admin, '')) expect(group.openCases).toBeGreaterThanOrEqual(2);

    // Scope: Assen sees none of Barendrecht's cases in any group.
    const assenGroups = await blockers(assen, '');
    expect(assenGroups.flatMap((g) => g.cases).some((c) => c.id === a.id || c.id === b.id)).toBe(false);
    expect((await coordinator.get('/api/insight/systemic-blockers?minCases=1')).statusCode).toBe(400);
  });

  it('a coordinator bundles them: a new case escalated to the national table, and case.bundled on each', async () => {
    const a = await caseWithParty(['zoning_spray_zone'], stedin, 150);
    const b = await caseWithParty(['zoning_spray_zone'], stedin, 900);
    const c = await caseWithParty(['zoning_spray_zone', 'nitrogen'], stedin, 420);
    const dashboardBefore = insightDashboardSchema.parse((await admin.get('/api/insight/dashboard')).json());

    const response = await coordinator.post('/api/insight/systemic-knelpunten', {
      title: 'Spuitzones rond fruitteelt blokkeren woningbouw in Zuid-Holland',
      knelpuntType: 'zoning_spray_zone',
      caseIds: [a.id, b.id, c.id],
      question: 'Kan de Landelijke Versnellingstafel één lijn afspreken voor spuitzones bij woningbouw?',
    });
    expect(response.statusCode, response.body).toBe(201);
    const systemic = systemicKnelpuntSchema.parse(response.json());
    expect(response.headers.location).toBe(`/api/insight/systemic-knelpunten/${systemic.id}`);
    expect(systemic).toMatchObject({
      title: 'Spuitzones rond fruitteelt blokkeren woningbouw in Zuid-Holland',
      knelpuntType: 'zoning_spray_zone',
      municipalityCode: 'GM0489',
      provinceCode: 'PV28',
      status: 'escalated',
      levelCode: 'national_table',
      homesAtStake: 150 + 900 + 420,
      bundledCount: 3,
    });
    expect(systemic.cases.map((x) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(systemic.escalation).toMatchObject({
      fromLevel: 'woondeal_table',
      toLevel: 'national_table',
      question: 'Kan de Landelijke Versnellingstafel één lijn afspreken voor spuitzones bij woningbouw?',
      outcome: null,
    });

    // The systemic knelpunt is a case: escalated through the real command, visible to the national table.
    const detail = (await national.get(`/api/cases/${systemic.id}`)).json<CaseDetail>();
    expect(detail).toMatchObject({ status: 'escalated', levelCode: 'national_table', homesTotal: 0 });
    expect(detail.escalations).toHaveLength(1);
    expect(detail.deadlines.some((d) => d.kind === 'level_decision' && d.state === 'running')).toBe(true);
    expect((await events(coordinator, systemic.id)).map((e) => e.type)).toEqual([
      'case.submitted',
      'case.status_changed',
      'case.status_changed',
      'systemic.created',
      'escalation.opened',
      'case.status_changed',
    ]);

    // Every bundled case has the event on its timeline (the municipality sees it too) and stays as it was.
    for (const bundled of [a, b, c]) {
      const timeline = await events(barendrecht, bundled.id);
      const last = timeline[timeline.length - 1];
      expect(last).toMatchObject({
        type: 'case.bundled',
        data: {
          systemicCaseId: systemic.id,
          after: { systemicReference: systemic.reference, knelpuntType: 'zoning_spray_zone' },
        },
      });
      const after = (await coordinator.get(`/api/cases/${bundled.id}`)).json<CaseDetail>();
      expect(after.status).toBe('in_progress');
      expect(after.version).toBe(bundled.version + 1);
      const chain = (await coordinator.get(`/api/cases/${bundled.id}/events/verify`)).json<{
        intact: boolean;
      }>();
      expect(chain.intact).toBe(true);
    }

    // Found again through the list, by bundled case; the blockers mark the cases as bundled.
    const listed = systemicKnelpuntListSchema.parse(
      (await coordinator.get(`/api/insight/systemic-knelpunten?caseId=${a.id}`)).json(),
    );
    expect(listed.items.map((i) => i.id)).toEqual([systemic.id]);
    const group = (await blockers(coordinator, '?knelpuntType=zoning_spray_zone&province=PV28')).find(
      (g) => g.partyOrganisationId === stedin,
    );
    expect(group?.cases.find((x) => x.id === a.id)?.bundledInto).toEqual([systemic.id]);
    // The bundle itself is no blocker case (it is left out of the figures).
    expect(group?.cases.some((x) => x.id === systemic.id)).toBe(false);

    // The dashboard does not count the bundle's homes twice.
    const dashboardAfter = insightDashboardSchema.parse((await admin.get('/api/insight/dashboard')).json());
    expect(dashboardAfter.totals.homesAtStake).toBe(dashboardBefore.totals.homesAtStake);
    expect(dashboardAfter.totals.openCases).toBe(dashboardBefore.totals.openCases);
    expect(dashboardAfter.totals.systemicKnelpunten).toBe(dashboardBefore.totals.systemicKnelpunten + 1);
  });

  it('only coordinators and admins bundle, only cases in their scope, only open cases with the type', async () => {
    const a = await caseWithParty(['corporation_investment'], provinceZh);
    const b = await caseWithParty(['corporation_investment'], provinceZh);
    const body = (caseIds: string[], knelpuntType = 'corporation_investment') => ({
      title: 'Investeringsruimte corporaties',
      knelpuntType,
      caseIds,
      question: 'Kan het Rijk de investeringsruimte vergroten?',
    });

    const asMunicipality = await barendrecht.post('/api/insight/systemic-knelpunten', body([a.id, b.id]));
    expect(asMunicipality.statusCode).toBe(403);
    expect((await national.post('/api/insight/systemic-knelpunten', body([a.id, b.id]))).statusCode).toBe(
      403,
    );

    // A case of Assen is outside the Zuid-Holland table: 404, and nothing was written.
    const assenCase: { id: string }[] = await t.db.query(
      `SELECT id FROM cases WHERE municipality_code = 'GM0106' AND status = 'in_progress' LIMIT 1`,
    );
    const outside = await coordinator.post(
      '/api/insight/systemic-knelpunten',
      body([a.id, assenCase[0]?.id as string]),
    );
    expect(outside.statusCode).toBe(404);
    const count: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM systemic_knelpunten`);

    const wrongType = await coordinator.post(
      '/api/insight/systemic-knelpunten',
      body([a.id, b.id], 'nitrogen'),
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'caseIds.0', code: 'knelpunt_missing' }),
      expect.objectContaining({ field: 'caseIds.1', code: 'knelpunt_missing' }),
    ]);

    expect(
      (
        await coordinator.post(`/api/cases/${b.id}/transitions`, {
          to: 'closed',
          reason: 'Opgelost door de gemeente.',
        })
      ).statusCode,
    ).toBe(200);
    const closed = await coordinator.post('/api/insight/systemic-knelpunten', body([a.id, b.id]));
    expect(closed.statusCode).toBe(400);
    expect(closed.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'caseIds.1', code: 'not_open' }),
    ]);

    const duplicate = await coordinator.post('/api/insight/systemic-knelpunten', body([a.id, a.id]));
    expect(duplicate.statusCode).toBe(400);
    const single = await coordinator.post('/api/insight/systemic-knelpunten', body([a.id]));
    expect(single.statusCode).toBe(400);
    const after: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM systemic_knelpunten`);
    expect(after[0]?.n).toBe(count[0]?.n);

    // An admin may bundle across the country; a bundle cannot be bundled again.
    const c = await caseWithParty(['corporation_investment'], provinceZh);
    const made = await admin.post('/api/insight/systemic-knelpunten', body([a.id, c.id]));
    expect(made.statusCode, made.body).toBe(201);
    const systemicId = made.json<{ id: string }>().id;
    const nested = await admin.post('/api/insight/systemic-knelpunten', body([systemicId, c.id]));
    expect(nested.statusCode).toBe(400);
    expect(nested.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('systemic');

    // Scope of the read side: Assen does not see the bundle, the coordinator does.
    expect((await assen.get(`/api/insight/systemic-knelpunten/${systemicId}`)).statusCode).toBe(404);
    expect((await coordinator.get(`/api/insight/systemic-knelpunten/${systemicId}`)).statusCode).toBe(200);
    const assenList = systemicKnelpuntListSchema.parse(
      (await assen.get('/api/insight/systemic-knelpunten')).json(),
    );
    expect(assenList.items).toEqual([]);
  });
});
