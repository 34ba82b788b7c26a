import type { AdminKnelpuntType, CaseDetail, DeadlinePolicy, Holiday } from '@doorbraak/domain';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

interface Items<T> {
  items: T[];
}
interface AuditRow {
  type: string;
  actor_label: string;
  target_type: string;
  target_id: string;
  data: { before?: Record<string, unknown>; after: Record<string, unknown> };
}

const send = (agent: Agent, method: 'PATCH' | 'POST' | 'PUT', url: string, payload: unknown, lang?: string) =>
  agent.request({
    method,
    url,
    payload: payload as Record<string, unknown>,
    ...(lang ? { headers: { 'accept-language': lang } } : {}),
  });

function expectProblem(response: Response, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  return response.json<{ type: string; errors?: { field: string; message: string }[] }>();
}

describe('admin: knelpunt types, deadline policies and holidays', () => {
  let t: TestApp;
  let admin: Agent;
  let others: Agent[];
  let barendrecht: Agent;
  let coordinator: Agent;

  const audit = async (targetType: string, targetId: string): Promise<AuditRow[]> =>
    t.db.query(
      `SELECT type, actor_label, target_type, target_id, data FROM audit_log
        WHERE target_type = $1 AND target_id = $2 ORDER BY id`,
      [targetType, targetId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    others = [
      barendrecht,
      coordinator,
      await t.login(DEMO.liander),
      await t.login(DEMO.national),
      await t.login(DEMO.assen),
    ];
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('knelpunt types', () => {
    it('lists every type with its use, and only admins may read or change them; nothing changes otherwise', async () => {
      const list = await admin.get('/api/admin/knelpunt-types');
      expect(list.statusCode).toBe(200);
      const types = list.json<Items<AdminKnelpuntType>>().items;
      expect(types.length).toBeGreaterThan(5);
      const grid = types.find((k) => k.code === 'grid_congestion');
      expect(grid).toMatchObject({ labelNl: 'Netcongestie', labelEn: 'Grid congestion', active: true });
      // The demo data has grid-congestion cases.
      expect(grid?.casesCount).toBeGreaterThan(0);

      const before = await t.db.query(`SELECT * FROM knelpunt_types ORDER BY code`);
      for (const agent of others) {
        expectProblem(await agent.get('/api/admin/knelpunt-types'), 403);
        expectProblem(
          await send(agent, 'PATCH', '/api/admin/knelpunt-types/grid_congestion', { labelNl: 'Gekaapt' }),
          403,
        );
      }
      expect((await t.request({ method: 'GET', url: '/api/admin/knelpunt-types' })).statusCode).toBe(401);
      expect(await t.db.query(`SELECT * FROM knelpunt_types ORDER BY code`)).toEqual(before);
      expect(await audit('knelpunt_type', 'grid_congestion')).toEqual([]);
    });

    it('changes the wording, deactivates a type in use without deleting it, and writes the audit log', async () => {
      const changed = await send(admin, 'PATCH', '/api/admin/knelpunt-types/grid_congestion', {
        labelNl: '  Netcongestie (stroomnet vol) ',
        labelEn: 'Grid congestion (grid full)',
        note: 'Wachtrij bij de netbeheerder.',
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json<AdminKnelpuntType>()).toMatchObject({
        code: 'grid_congestion',
        labelNl: 'Netcongestie (stroomnet vol)',
        labelEn: 'Grid congestion (grid full)',
        note: 'Wachtrij bij de netbeheerder.',
        active: true,
      });
      const reference = (await barendrecht.get('/api/reference/knelpunt-types')).json<
        { code: string; labelNl: string }[]
      >();
      expect(reference.find((k) => k.code === 'grid_congestion')?.labelNl).toBe(
        'Netcongestie (stroomnet vol)',
      );

      const off = await send(admin, 'PATCH', '/api/admin/knelpunt-types/grid_congestion', { active: false });
      expect(off.json<AdminKnelpuntType>()).toMatchObject({ active: false });
      const offered = (await barendrecht.get('/api/reference/knelpunt-types')).json<{ code: string }[]>();
      expect(offered.map((k) => k.code)).not.toContain('grid_congestion');
      // Still there, and the cases keep it.
      const [row] = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM case_knelpunten WHERE knelpunt_code = 'grid_congestion'`,
      );
      expect(row!.n).toBeGreaterThan(0);
      expect(
        (await admin.get('/api/admin/knelpunt-types'))
          .json<Items<AdminKnelpuntType>>()
          .items.map((k) => k.code),
      ).toContain('grid_congestion');
      expect(
        (await send(admin, 'PATCH', '/api/admin/knelpunt-types/grid_congestion', { active: true }))
          .statusCode,
      ).toBe(200);

      const entries = await audit('knelpunt_type', 'grid_congestion');
      expect(entries.map((e) => e.type)).toEqual([
        'admin.knelpunt_type.updated',
        'admin.knelpunt_type.updated',
        'admin.knelpunt_type.updated',
      ]);
      expect(entries[0]).toMatchObject({
        actor_label: expect.stringContaining('(') as string,
        data: {
          before: { labelNl: 'Netcongestie', active: true },
          after: { labelNl: 'Netcongestie (stroomnet vol)', note: 'Wachtrij bij de netbeheerder.' },
        },
      });
      expect(entries[1]!.data.after).toMatchObject({ active: false });
    });

    it('answers bad input with problem+json in Dutch or English, and an unknown type with 404', async () => {
      const nl = expectProblem(
        await send(admin, 'PATCH', '/api/admin/knelpunt-types/nitrogen', { labelNl: 'x', colour: 'red' }),
        400,
      );
      expect(nl.errors).toEqual(
        expect.arrayContaining([
          { field: 'labelNl', code: 'too_small', message: 'Vul minstens 2 tekens in.' },
        ]),
      );
      const en = expectProblem(
        await send(admin, 'PATCH', '/api/admin/knelpunt-types/nitrogen', {}, 'en'),
        400,
      );
      expect(en.errors?.[0]?.message).toBe('Give at least one field to change.');
      expectProblem(
        await send(admin, 'PATCH', '/api/admin/knelpunt-types/bestaat_niet', { active: false }),
        404,
      );
      expect(await audit('knelpunt_type', 'nitrogen')).toEqual([]);
    });
  });

  describe('deadline policies', () => {
    const policies = async () =>
      (await admin.get('/api/admin/deadline-policies')).json<Items<DeadlinePolicy>>().items;

    it('lists the seeded policies in process order; only admins', async () => {
      const items = await policies();
      expect(items.map((p) => [p.kind, p.levelCode, p.budgetWorkingDays])).toEqual([
        ['triage', null, 5],
        ['assignment', null, 20],
        ['level_decision', 'woondeal_table', 30],
        ['level_decision', 'regional_table', 30],
        ['level_decision', 'national_table', 40],
        ['level_decision', 'ministerial_taskforce', 40],
      ]);
      const before = await t.db.query(`SELECT * FROM deadline_policies ORDER BY id`);
      const triage = items[0]!;
      for (const agent of others) {
        expectProblem(await agent.get('/api/admin/deadline-policies'), 403);
        expectProblem(
          await send(agent, 'PATCH', `/api/admin/deadline-policies/${triage.id}`, { budgetWorkingDays: 1 }),
          403,
        );
        expectProblem(
          await send(agent, 'POST', '/api/admin/deadline-policies', {
            kind: 'assignment',
            knelpuntCode: 'nitrogen',
            budgetWorkingDays: 1,
            maxExtensionWorkingDays: 0,
          }),
          403,
        );
      }
      expect(await t.db.query(`SELECT * FROM deadline_policies ORDER BY id`)).toEqual(before);
      expect(await audit('deadline_policy', triage.id)).toEqual([]);
    });

    it('a changed budget applies to deadlines started after the change; running ones keep theirs', async () => {
      const triage = (await policies()).find((p) => p.kind === 'triage')!;
      const earlier = (await barendrecht.post('/api/cases', caseInput())).json<CaseDetail>();

      const changed = await send(admin, 'PATCH', `/api/admin/deadline-policies/${triage.id}`, {
        budgetWorkingDays: 8,
        maxExtensionWorkingDays: 4,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json<DeadlinePolicy>()).toMatchObject({
        budgetWorkingDays: 8,
        maxExtensionWorkingDays: 4,
      });

      const later = (await barendrecht.post('/api/cases', caseInput())).json<CaseDetail>();
      const budgets = await t.db.query<
        { case_id: string; budget_working_days: number; max_extension_working_days: number }[]
      >(
        `SELECT case_id, budget_working_days, max_extension_working_days FROM deadlines
          WHERE kind = 'triage' AND case_id = ANY($1::uuid[])`,
        [[earlier.id, later.id]],
      );
      const byCase = Object.fromEntries(
        budgets.map((b) => [b.case_id, [b.budget_working_days, b.max_extension_working_days]]),
      );
      expect(byCase[earlier.id]).toEqual([5, 5]);
      expect(byCase[later.id]).toEqual([8, 4]);

      const [entry] = await audit('deadline_policy', triage.id);
      expect(entry).toMatchObject({
        type: 'admin.deadline_policy.updated',
        data: {
          before: { budgetWorkingDays: 5 },
          after: { budgetWorkingDays: 8, maxExtensionWorkingDays: 4 },
        },
      });
    });

    it('a policy per knelpunt type sets the budget of a party action on such a case', async () => {
      const created = await send(admin, 'POST', '/api/admin/deadline-policies', {
        kind: 'assignment',
        knelpuntCode: 'nitrogen',
        budgetWorkingDays: 45,
        maxExtensionWorkingDays: 15,
      });
      expect(created.statusCode, created.body).toBe(201);
      const policy = created.json<DeadlinePolicy>();
      expect(policy).toMatchObject({
        kind: 'assignment',
        knelpuntCode: 'nitrogen',
        levelCode: null,
        maxPauseWorkingDays: 60,
      });
      expect((await audit('deadline_policy', policy.id)).map((e) => e.type)).toEqual([
        'admin.deadline_policy.created',
      ]);

      // The same combination again: 409.
      expectProblem(
        await send(admin, 'POST', '/api/admin/deadline-policies', {
          kind: 'assignment',
          knelpuntCode: 'nitrogen',
          budgetWorkingDays: 10,
          maxExtensionWorkingDays: 1,
        }),
        409,
      );

      const c = (
        await barendrecht.post('/api/cases', caseInput({ knelpuntTypes: ['nitrogen'] }))
      ).json<CaseDetail>();
      expect((await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'accepted' })).statusCode).toBe(
        200,
      );
      expect(
        (await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress' })).statusCode,
      ).toBe(200);
      const [liander] = await t.db.query<{ id: string }[]>(
        `SELECT id FROM organisations WHERE name = 'Liander'`,
      );
      const assigned = await coordinator.post(`/api/cases/${c.id}/assignments`, {
        organisationId: liander!.id,
        role: 'lead',
        requestedAction: 'Beoordeel de stikstofvergunning.',
        contacts: [],
      });
      expect(assigned.statusCode, assigned.body).toBe(201);
      const [deadline] = await t.db.query<
        { budget_working_days: number; max_extension_working_days: number }[]
      >(
        `SELECT budget_working_days, max_extension_working_days FROM deadlines WHERE case_id = $1 AND kind = 'assignment'`,
        [c.id],
      );
      expect(deadline).toEqual({ budget_working_days: 45, max_extension_working_days: 15 });
    });

    it('answers bad input with problem+json and field errors from the domain schema', async () => {
      const triage = (await policies()).find((p) => p.kind === 'triage')!;
      const before = await t.db.query(`SELECT * FROM deadline_policies ORDER BY id`);
      const range = expectProblem(
        await send(admin, 'PATCH', `/api/admin/deadline-policies/${triage.id}`, {
          budgetWorkingDays: 0,
          maxExtensionWorkingDays: 500,
        }),
        400,
      );
      expect(range.errors?.map((e) => [e.field, e.message])).toEqual([
        ['budgetWorkingDays', 'Vul voor de termijn een heel aantal werkdagen in van 1 tot en met 250.'],
        [
          'maxExtensionWorkingDays',
          'Vul voor de maximale verlenging een heel aantal werkdagen in van 0 tot en met 120.',
        ],
      ]);
      const en = expectProblem(
        await send(
          admin,
          'POST',
          '/api/admin/deadline-policies',
          { kind: 'level_decision', budgetWorkingDays: 10, maxExtensionWorkingDays: 2 },
          'en',
        ),
        400,
      );
      expect(en.errors).toEqual([
        expect.objectContaining({
          field: 'levelCode',
          message: 'Choose the level of the table this decision budget applies to.',
        }),
      ]);
      const unknown = expectProblem(
        await send(admin, 'POST', '/api/admin/deadline-policies', {
          kind: 'level_decision',
          levelCode: 'moon_table',
          budgetWorkingDays: 10,
          maxExtensionWorkingDays: 2,
        }),
        400,
      );
      expect(unknown.errors).toEqual([{ field: 'levelCode', code: 'unknown', message: 'Onbekend niveau.' }]);
      expectProblem(
        await send(admin, 'PATCH', '/api/admin/deadline-policies/00000000-0000-4000-8000-000000000000', {
          budgetWorkingDays: 3,
        }),
        404,
      );
      expect(await t.db.query(`SELECT * FROM deadline_policies ORDER BY id`)).toEqual(before);
    });
  });

  describe('holidays', () => {
    it('lists a year, adds a day off, makes a seeded holiday a working day, audits both; only admins', async () => {
      const year = new Date().getUTCFullYear() + 1;
      const list = (await admin.get(`/api/admin/holidays?year=${year}`)).json<Items<Holiday>>().items;
      expect(list.map((h) => h.date)).toContain(`${year}-12-25`);
      expect(list.every((h) => h.date.startsWith(String(year)))).toBe(true);

      const added = await send(admin, 'PUT', `/api/admin/holidays/${year}-06-19`, {
        name: 'Extra vrije dag',
        active: true,
      });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json<Holiday>()).toEqual({
        date: `${year}-06-19`,
        name: 'Extra vrije dag',
        source: 'admin',
        active: true,
      });
      const corrected = await send(admin, 'PUT', `/api/admin/holidays/${year}-12-26`, {
        name: 'Tweede Kerstdag',
        active: false,
      });
      expect(corrected.json<Holiday>()).toMatchObject({ active: false, source: 'admin' });
      expect((await audit('holiday', `${year}-06-19`)).map((e) => e.type)).toEqual(['admin.holiday.created']);
      const [correction] = await audit('holiday', `${year}-12-26`);
      expect(correction).toMatchObject({
        type: 'admin.holiday.updated',
        data: { before: { active: true, source: 'date-holidays' }, after: { active: false } },
      });

      for (const agent of others) {
        expectProblem(await agent.get('/api/admin/holidays'), 403);
        expectProblem(
          await send(agent, 'PUT', `/api/admin/holidays/${year}-06-20`, { name: 'Zelf vrij', active: true }),
          403,
        );
      }
      expect(await t.db.query(`SELECT 1 FROM calendar_holidays WHERE date = $1`, [`${year}-06-20`])).toEqual(
        [],
      );

      const badDate = expectProblem(
        await send(admin, 'PUT', `/api/admin/holidays/${year}-02-30`, { name: 'Bestaat niet', active: true }),
        400,
      );
      expect(badDate.errors).toEqual([expect.objectContaining({ field: 'date' })]);
      expectProblem(await send(admin, 'PUT', `/api/admin/holidays/${year}-06-21`, { name: '' }), 400);
    });
  });
});
