import type { Organisation, Region } from '@doorbraak/domain';
import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedReferenceData } from '../src/database/seeds/reference.seed';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

interface Items<T> {
  items: T[];
}

function patch(agent: Agent, url: string, payload: unknown) {
  return agent.request({ method: 'PATCH', url, payload: payload as Record<string, unknown> });
}

describe('admin: organisations and regions', () => {
  let t: TestApp;
  let admin: Agent;
  let barendrecht: Agent;
  let coordinator: Agent;
  let liander: Agent;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login(DEMO.admin);
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    liander = await t.login(DEMO.liander);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('organisations', () => {
    it('any logged-in user lists them sorted by name, filtered by type and by part of the name', async () => {
      const all = await liander.get('/api/organisations');
      expect(all.statusCode).toBe(200);
      const names = all.json<Items<Organisation>>().items.map((o) => o.name);
      expect(names.length).toBeGreaterThan(350); // a municipality organisation per municipality, and more

      const grid = (await barendrecht.get('/api/organisations?type=grid_operator')).json<
        Items<Organisation>
      >();
      expect(grid.items.length).toBeGreaterThan(0);
      expect(grid.items.every((o) => o.type === 'grid_operator')).toBe(true);
      const gridNames = grid.items.map((o) => o.name);
      expect(gridNames).toEqual(expect.arrayContaining(['Enexis Netbeheer', 'Liander', 'Stedin', 'TenneT']));
      expect(gridNames).toEqual([...gridNames].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));

      const search = (await barendrecht.get('/api/organisations?q=barendr')).json<Items<Organisation>>();
      expect(search.items).toEqual([
        expect.objectContaining({
          name: 'Gemeente Barendrecht',
          type: 'municipality',
          municipalityCode: 'GM0489',
        }),
      ]);
      // LIKE wildcards in the term are literal.
      expect((await barendrecht.get('/api/organisations?q=%25')).json<Items<Organisation>>().items).toEqual(
        [],
      );
      expect((await barendrecht.get('/api/organisations?colour=red')).statusCode).toBe(400);
      expect((await t.request({ method: 'GET', url: '/api/organisations' })).statusCode).toBe(401);
    });

    it('only admins create and change organisations (403 for everyone else, nothing changes)', async () => {
      const input = { name: 'Netbeheerder Zonder Rechten', type: 'grid_operator' };
      for (const agent of [barendrecht, coordinator, liander]) {
        expect((await agent.post('/api/organisations', input)).statusCode).toBe(403);
      }
      const [liandersRow] = await t.db.query<{ id: string }[]>(
        `SELECT id FROM organisations WHERE name = 'Liander'`,
      );
      const renamed = await patch(barendrecht, `/api/organisations/${liandersRow!.id}`, { name: 'Gekaapt' });
      expect(renamed.statusCode).toBe(403);
      expect(
        (await patch(liander, `/api/organisations/${liandersRow!.id}`, { note: 'eigen notitie' })).statusCode,
      ).toBe(403);
      const count = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM organisations WHERE name IN ('Netbeheerder Zonder Rechten', 'Gekaapt')`,
      );
      expect(count[0]?.n).toBe(0);
    });

    it('an admin creates and edits an organisation; every change is logged with the actor', async () => {
      const log = vi.spyOn(Logger.prototype, 'log');
      try {
        const created = await admin.post('/api/organisations', {
          name: 'Woningcorporatie De Waard',
          shortName: 'De Waard',
          type: 'housing_corporation',
          provinceCodes: ['PV28'],
          note: 'Actief in de Drechtsteden',
        });
        expect(created.statusCode).toBe(201);
        const organisation = created.json<Organisation>();
        expect(organisation).toEqual({
          id: expect.any(String),
          name: 'Woningcorporatie De Waard',
          shortName: 'De Waard',
          type: 'housing_corporation',
          municipalityCode: null,
          provinceCodes: ['PV28'],
          note: 'Actief in de Drechtsteden',
        });

        const changed = await patch(admin, `/api/organisations/${organisation.id}`, {
          shortName: null,
          provinceCodes: ['PV28', 'PV26'],
        });
        expect(changed.statusCode).toBe(200);
        expect(changed.json<Organisation>()).toMatchObject({
          name: 'Woningcorporatie De Waard',
          shortName: null,
          provinceCodes: ['PV28', 'PV26'],
          note: 'Actief in de Drechtsteden',
        });
        const listed = (await liander.get('/api/organisations?q=De%20Waard')).json<Items<Organisation>>();
        expect(listed.items).toEqual([changed.json()]);

        const adminUser = await t.db.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [
          DEMO.admin,
        ]);
        const audits = log.mock.calls
          .map(([entry]) => entry as Record<string, unknown>)
          .filter((entry) => entry && typeof entry === 'object' && entry.audit === true);
        expect(audits).toEqual([
          expect.objectContaining({
            action: 'organisation.created',
            actorUserId: adminUser[0]!.id,
            targetId: organisation.id,
          }),
          expect.objectContaining({
            action: 'organisation.updated',
            actorUserId: adminUser[0]!.id,
            targetId: organisation.id,
            before: expect.objectContaining({ shortName: 'De Waard' }),
            after: expect.objectContaining({ shortName: null }),
          }),
        ]);
      } finally {
        log.mockRestore();
      }
    });

    it('refuses a duplicate name with 409 (also differing only in case), on create and on rename', async () => {
      const duplicate = await admin.post('/api/organisations', { name: 'Liander', type: 'grid_operator' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().type).toBe('https://doorbraak.nl/problems/conflict');
      expect(
        (await admin.post('/api/organisations', { name: 'LIANDER', type: 'grid_operator' })).statusCode,
      ).toBe(409);
      const other = (
        await admin.post('/api/organisations', { name: 'Tijdelijke Netbeheerder', type: 'grid_operator' })
      ).json<Organisation>();
      expect((await patch(admin, `/api/organisations/${other.id}`, { name: 'Liander' })).statusCode).toBe(
        409,
      );
    });

    it('refuses unknown codes with 400 field errors', async () => {
      const bad = await admin.post('/api/organisations', {
        name: 'Gemeente Atlantis',
        type: 'municipality',
        municipalityCode: 'GM9999',
        provinceCodes: ['PV28', 'PV99'],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'municipalityCode',
        'provinceCodes.1',
      ]);
      const badType = await admin.post('/api/organisations', {
        name: 'Onbekend soort',
        type: 'space_agency',
      });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().errors[0].field).toBe('type');
      const invalid = await admin.post('/api/organisations', { name: 'X', type: 'Grid Operator', extra: 1 });
      expect(invalid.statusCode).toBe(400);
      const [liandersRow] = await t.db.query<{ id: string }[]>(
        `SELECT id FROM organisations WHERE name = 'Liander'`,
      );
      const badPatch = await patch(admin, `/api/organisations/${liandersRow!.id}`, {
        municipalityCode: 'GM0000',
      });
      expect(badPatch.statusCode).toBe(400);
      expect((await patch(admin, `/api/organisations/${liandersRow!.id}`, {})).statusCode).toBe(400);
      const missing = await patch(admin, '/api/organisations/00000000-0000-4000-8000-000000000000', {
        note: 'x',
      });
      expect(missing.statusCode).toBe(404);
    });
  });

  it('documents every new route in OpenAPI with a summary', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/docs-json' })).json<{
      paths: Record<string, Record<string, { summary?: string }>>;
    }>();
    const expected: [string, string][] = [
      ['/api/organisations', 'get'],
      ['/api/organisations', 'post'],
      ['/api/organisations/{id}', 'patch'],
      ['/api/regions', 'get'],
      ['/api/regions', 'post'],
      ['/api/regions/{id}', 'patch'],
      ['/api/cases/{id}/comments', 'get'],
      ['/api/cases/{id}/comments', 'post'],
      ['/api/cases/{id}/attachments', 'get'],
      ['/api/cases/{id}/attachments', 'post'],
      ['/api/cases/{id}/attachments/{attachmentId}/content', 'get'],
    ];
    for (const [path, method] of expected) {
      expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toBeTruthy();
    }
  });

  describe('regions', () => {
    it('seeds the woondeal regions with their members flagged to confirm, idempotently', async () => {
      const regions = (await barendrecht.get('/api/regions')).json<Items<Region>>().items;
      const byName = new Map(regions.map((r) => [r.name, r]));
      expect(byName.get('Regio Foodvalley')).toMatchObject({
        membersToConfirm: true,
        municipalityCodes: ['GM0203', 'GM0228', 'GM0267', 'GM0279', 'GM0289', 'GM0339', 'GM0340', 'GM0345'],
      });
      const rijnland = byName.get('Holland Rijnland');
      expect(rijnland?.membersToConfirm).toBe(true);
      expect(rijnland?.municipalityCodes).toHaveLength(13);
      expect(rijnland?.municipalityCodes).toContain('GM1884'); // Kaag en Braassem
      expect(rijnland?.municipalityCodes).toContain('GM0546'); // Leiden
      expect(byName.get('Regio Groningen-Assen')).toMatchObject({
        membersToConfirm: true,
        municipalityCodes: ['GM0014', 'GM0106', 'GM1680', 'GM1699', 'GM1730', 'GM1952'],
      });

      // An admin trims a seeded region; seeding again neither restores members nor duplicates regions.
      const trimmed = await patch(admin, `/api/regions/${rijnland!.id}`, {
        municipalityCodes: ['GM0546', 'GM0547'],
        membersToConfirm: false,
      });
      expect(trimmed.statusCode).toBe(200);
      await t.db.transaction((manager) => seedReferenceData(manager));
      const again = (await barendrecht.get('/api/regions')).json<Items<Region>>().items;
      expect(again).toHaveLength(regions.length);
      expect(again.find((r) => r.id === rijnland!.id)).toMatchObject({
        membersToConfirm: false,
        municipalityCodes: ['GM0546', 'GM0547'],
      });
      expect((await t.request({ method: 'GET', url: '/api/regions' })).statusCode).toBe(401);
    });

    it('an admin creates and edits regions; unknown codes are 400, duplicate names 409', async () => {
      const created = await admin.post('/api/regions', {
        name: 'Regio Drechtsteden',
        municipalityCodes: ['GM0505', 'GM0590', 'GM0505'],
      });
      expect(created.statusCode).toBe(201);
      const region = created.json<Region>();
      expect(region).toEqual({
        id: expect.any(String),
        name: 'Regio Drechtsteden',
        membersToConfirm: false,
        municipalityCodes: ['GM0505', 'GM0590'],
      });
      const edited = await patch(admin, `/api/regions/${region.id}`, {
        name: 'Drechtsteden',
        municipalityCodes: ['GM0505', 'GM0590', 'GM0642', 'GM0531'],
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json<Region>()).toEqual({
        id: region.id,
        name: 'Drechtsteden',
        membersToConfirm: false,
        municipalityCodes: ['GM0505', 'GM0531', 'GM0590', 'GM0642'],
      });

      const badCodes = await admin.post('/api/regions', {
        name: 'Regio Nergens',
        municipalityCodes: ['GM0505', 'GM9998', 'GM9999'],
      });
      expect(badCodes.statusCode).toBe(400);
      expect(badCodes.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'municipalityCodes.1',
        'municipalityCodes.2',
      ]);
      const badPatch = await patch(admin, `/api/regions/${region.id}`, {
        municipalityCodes: ['GM0882', 'GM0000'],
      });
      expect(badPatch.statusCode).toBe(400);
      expect(badPatch.json().errors.map((e: { field: string }) => e.field)).toEqual(['municipalityCodes.1']);
      expect(
        (await admin.post('/api/regions', { name: 'regio foodvalley', municipalityCodes: [] })).statusCode,
      ).toBe(409);
      expect((await patch(admin, `/api/regions/${region.id}`, { name: 'Holland Rijnland' })).statusCode).toBe(
        409,
      );
      const missing = await patch(admin, '/api/regions/00000000-0000-4000-8000-000000000000', {
        name: 'Nieuw',
      });
      expect(missing.statusCode).toBe(404);
    });

    it('only admins create and change regions (403 for everyone else)', async () => {
      const input = { name: 'Regio Eigen Gewin', municipalityCodes: ['GM0489'] };
      for (const agent of [barendrecht, coordinator, liander]) {
        expect((await agent.post('/api/regions', input)).statusCode).toBe(403);
      }
      const foodvalley = (await barendrecht.get('/api/regions'))
        .json<Items<Region>>()
        .items.find((r) => r.name === 'Regio Foodvalley');
      const hijack = await patch(coordinator, `/api/regions/${foodvalley!.id}`, {
        municipalityCodes: ['GM0489'],
      });
      expect(hijack.statusCode).toBe(403);
      const after = (await barendrecht.get('/api/regions')).json<Items<Region>>().items;
      expect(after.some((r) => r.name === 'Regio Eigen Gewin')).toBe(false);
      expect(after.find((r) => r.id === foodvalley!.id)?.municipalityCodes).toHaveLength(8);
    });
  });
});
