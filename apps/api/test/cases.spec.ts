import type { CaseDetail, CaseList } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { DEMO, startTestApp, type TestApp } from './test-app';

describe('cases (walking skeleton): submit, list, detail, scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a municipality submits a case and sees it in its list and detail', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const input = caseInput({
      homesSocialOrAffordable: 40,
      description: 'Wacht op netaansluiting.',
      locationProgramme: 'doorbraaklocatie',
    });
    const created = await agent.post('/api/cases', input);
    expect(created.statusCode).toBe(201);
    const detail = created.json<CaseDetail>();
    expect(detail).toMatchObject({
      projectName: input.projectName,
      municipalityCode: 'GM0489',
      municipalityName: 'Barendrecht',
      provinceCode: 'PV28',
      provinceName: 'Zuid-Holland',
      homesTotal: input.homesTotal,
      homesSocialOrAffordable: 40,
      locationProgramme: 'doorbraaklocatie',
      knelpuntTypes: ['grid_congestion'],
      status: 'submitted',
      levelCode: 'woondeal_table',
      submitterOrganisationName: 'Gemeente Barendrecht',
      isExample: false,
      version: 1,
    });
    expect(detail.reference).toMatch(/^DB-\d{4}-\d{4}$/);
    expect(created.headers.location).toBe(`/api/cases/${detail.id}`);

    const list = await agent.get(`/api/cases?q=${encodeURIComponent(input.projectName)}`);
    expect(list.json<CaseList>().items.map((c) => c.id)).toEqual([detail.id]);

    const got = await agent.get(`/api/cases/${detail.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(detail);
  });

  it('lists and filters by the knelpunten as they are now, whoever wrote them', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const created = await agent.post(
      '/api/cases',
      caseInput({ knelpuntTypes: ['nitrogen', 'grid_congestion'] }),
    );
    expect(created.statusCode).toBe(201);
    const c = created.json<CaseDetail>();
    const listed = async (knelpuntType: string) =>
      (await agent.get(`/api/cases?knelpuntType=${knelpuntType}&limit=200`))
        .json<CaseList>()
        .items.filter((item) => item.id === c.id)
        .map((item) => item.knelpuntTypes);
    expect(await listed('nitrogen')).toEqual([['grid_congestion', 'nitrogen']]);

    const edited = await agent.request({
      method: 'PATCH',
      url: `/api/cases/${c.id}`,
      payload: { knelpuntTypes: ['municipal_capacity'] },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<CaseDetail>().knelpuntTypes).toEqual(['municipal_capacity']);
    expect(await listed('nitrogen')).toEqual([]);
    expect(await listed('grid_congestion')).toEqual([]);
    expect(await listed('municipal_capacity')).toEqual([['municipal_capacity']]);

    // Bulk SQL (imports, benchmarks) keeps the list's copy right too: it is the database's job.
    await t.db.query(`INSERT INTO case_knelpunten (case_id, knelpunt_code) VALUES ($1, 'zoning_livestock')`, [
      c.id,
    ]);
    expect(await listed('zoning_livestock')).toEqual([['municipal_capacity', 'zoning_livestock']]);
    await t.db.query(`DELETE FROM case_knelpunten WHERE case_id = $1`, [c.id]);
    expect(await listed('municipal_capacity')).toEqual([]);
    expect((await agent.get(`/api/cases/${c.id}`)).json<CaseDetail>().knelpuntTypes).toEqual([]);
  });

  it('numbers references per year without gaps or duplicates under concurrent submissions', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => agent.post('/api/cases', caseInput())),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const refs = responses.map((r) => r.json<CaseDetail>().reference);
    expect(new Set(refs).size).toBe(8);
    const numbers = refs.map((r) => Number(r.slice(-4))).sort((a, b) => a - b);
    expect(numbers[7]! - numbers[0]!).toBe(7);
  });

  it('a case of Barendrecht is invisible to Assen: 404, not 403, and absent from its list', async () => {
    const barendrecht = await t.login(DEMO.barendrecht);
    const created = (await barendrecht.post('/api/cases', caseInput())).json<CaseDetail>();
    const assen = await t.login(DEMO.assen);
    const got = await assen.get(`/api/cases/${created.id}`);
    expect(got.statusCode).toBe(404);
    expect(got.json().detail).toBe('Dossier niet gevonden.');
    const list = await assen.get('/api/cases?limit=200');
    const items = list.json<CaseList>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.municipalityCode === 'GM0106')).toBe(true);
  });

  it('scopes lists per role: coordinator sees its province, the party its assignments, national the top levels', async () => {
    const coordinator = await (await t.login(DEMO.coordinatorZh)).get('/api/cases?limit=200');
    const zh = coordinator.json<CaseList>().items;
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.every((c) => c.provinceCode === 'PV28')).toBe(true);

    const liander = (await (await t.login(DEMO.liander)).get('/api/cases?limit=200')).json<CaseList>().items;
    const assigned: { case_id: string }[] = await t.db.query(
      `SELECT a.case_id FROM case_assignments a JOIN organisations o ON o.id = a.organisation_id WHERE o.name = 'Liander'`,
    );
    expect(liander.length).toBeGreaterThan(0);
    expect(new Set(liander.map((c) => c.id))).toEqual(new Set(assigned.map((a) => a.case_id)));

    const national = (await (await t.login(DEMO.national)).get('/api/cases?limit=200')).json<CaseList>()
      .items;
    expect(national.length).toBeGreaterThan(0);
    expect(national.every((c) => ['national_table', 'ministerial_taskforce'].includes(c.levelCode))).toBe(
      true,
    );
    expect(national.some((c) => c.projectName === 'De Stationstuinen')).toBe(true);
  });

  it('refuses a municipality submitting for another municipality, and parties submitting at all', async () => {
    const barendrecht = await t.login(DEMO.barendrecht);
    const other = await barendrecht.post('/api/cases', caseInput({ municipalityCode: 'GM0106' }));
    expect(other.statusCode).toBe(403);
    const liander = await t.login(DEMO.liander);
    const party = await liander.post('/api/cases', caseInput());
    expect(party.statusCode).toBe(403);
    const count: { n: string }[] = await t.db.query(
      `SELECT count(*)::text AS n FROM cases WHERE municipality_code = 'GM0106' AND NOT is_example AND project_name LIKE 'Testproject%'`,
    );
    expect(count[0]?.n).toBe('0');
  });

  it('pages with a keyset cursor: every visible case exactly once, newest first', async () => {
    const admin = await t.login(DEMO.admin);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/cases?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page: CaseList = (await admin.get(url)).json<CaseList>();
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    const total: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM cases`);
    expect(seen.length).toBe(total[0]?.n);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters on several statuses and provinces (merged index ranges) with the same rows and order as one scan', async () => {
    // Several statuses × provinces are read as one index range per pair, merged: the pages must
    // hold exactly the rows a plain filtered scan returns, in the same order, for both directions.
    const admin = await t.login(DEMO.admin);
    // More rows in one (status, province) pair than a page holds, so each range is cut by the limit.
    const barendrecht = await t.login(DEMO.barendrecht);
    for (let i = 0; i < 8; i += 1) {
      expect((await barendrecht.post('/api/cases', caseInput())).statusCode).toBe(201);
    }
    const statuses = ['submitted', 'accepted', 'in_progress', 'escalated', 'breakthrough'];
    const provinces = ['PV28', 'PV27', 'PV21', 'PV25'];
    for (const [sort, direction] of [
      ['newest', 'DESC'],
      ['oldest', 'ASC'],
    ] as const) {
      const expected: { id: string }[] = await t.db.query(
        `SELECT id FROM cases WHERE status = ANY($1) AND province_code = ANY($2)
          ORDER BY created_at ${direction}, id ${direction}`,
        [statuses, provinces],
      );
      expect(expected.length).toBeGreaterThan(6); // more than one page of 3
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/cases?limit=3&sort=${sort}&status=${statuses.join(',')}&province=${provinces.join(',')}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: CaseList = (await admin.get(url)).json<CaseList>();
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 200);
      expect(seen).toEqual(expected.map((r) => r.id));
    }
    // Status only (one range per status) and province only, with a second filter on top.
    const statusOnly: { id: string }[] = await t.db.query(
      `SELECT id FROM cases WHERE status = ANY($1) AND is_example ORDER BY created_at DESC, id DESC LIMIT 200`,
      [['in_progress', 'escalated']],
    );
    const byStatus = (
      await admin.get('/api/cases?limit=200&status=in_progress,escalated&examples=true')
    ).json<CaseList>();
    expect(byStatus.items.map((c) => c.id)).toEqual(statusOnly.map((r) => r.id));
    const byProvince = (await admin.get('/api/cases?limit=200&province=PV28,PV20')).json<CaseList>();
    const provinceOnly: { id: string }[] = await t.db.query(
      `SELECT id FROM cases WHERE province_code = ANY($1) ORDER BY created_at DESC, id DESC LIMIT 200`,
      [['PV28', 'PV20']],
    );
    expect(byProvince.items.map((c) => c.id)).toEqual(provinceOnly.map((r) => r.id));
    expect(byProvince.items.every((c) => c.municipalityName.length > 0 && c.provinceName.length > 0)).toBe(
      true,
    );
  });

  it('keeps the scope when filters are merged: a coordinator never gets a case outside its provinces', async () => {
    const coordinator = await t.login(DEMO.coordinatorZh);
    const mine = (await coordinator.get('/api/cases?limit=200')).json<CaseList>();
    const merged = (
      await coordinator.get(
        '/api/cases?limit=200&status=submitted,accepted,in_progress,escalated,breakthrough,closed&province=PV28,PV27',
      )
    ).json<CaseList>();
    expect(merged.items.length).toBeGreaterThan(0);
    const visible = new Set(mine.items.map((c) => c.id));
    expect(merged.items.every((c) => visible.has(c.id) && ['PV28', 'PV27'].includes(c.provinceCode))).toBe(
      true,
    );
    expect(merged.items.length).toBe(
      mine.items.filter((c) => ['PV28', 'PV27'].includes(c.provinceCode)).length,
    );
  });

  it('rejects a tampered cursor and an over-large limit with 400, and a malformed id with 404', async () => {
    const admin = await t.login(DEMO.admin);
    expect((await admin.get('/api/cases?cursor=not-a-cursor')).statusCode).toBe(400);
    expect((await admin.get('/api/cases?limit=201')).statusCode).toBe(400);
    expect((await admin.get('/api/cases?unknown=1')).statusCode).toBe(400);
    expect((await admin.get('/api/cases/not-a-uuid')).statusCode).toBe(404);
  });

  it('loads the demo data once: the letter cases and at least 40 marked examples', async () => {
    const rows: { project_name: string; is_example: boolean }[] = await t.db.query(
      `SELECT project_name, is_example FROM cases`,
    );
    const names = rows.map((r) => r.project_name);
    expect(names).toEqual(expect.arrayContaining(['De Stationstuinen', 'Nieuw-Vennep', 'Stadskwartier']));
    const examples = rows.filter((r) => r.is_example);
    expect(examples.length).toBeGreaterThanOrEqual(40);
    expect(examples.every((r) => r.project_name.startsWith('Voorbeeld'))).toBe(true);
  });
});
