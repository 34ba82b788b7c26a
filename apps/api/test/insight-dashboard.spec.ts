import {
  calendarOf,
  type InsightDashboard,
  insightDashboardSchema,
  localDate,
  OPEN_STATUSES,
  workingDaysBetween,
} from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

/*
 * The dashboard against the seeded demo data. The letter's facts are asserted as numbers; every
 * other figure is checked against SQL written independently here, so the test holds when the
 * invented example cases change.
 */
describe('insight dashboard: figures on the demo data, scoped per role', () => {
  let t: TestApp;
  const agents = new Map<string, Agent>();

  const dashboard = async (who: keyof typeof DEMO, query = ''): Promise<InsightDashboard> => {
    const agent = agents.get(who) as Agent;
    const response = await agent.get(`/api/insight/dashboard${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return insightDashboardSchema.parse(response.json());
  };
  const row = (rows: InsightDashboard['homes']['byProvince'], key: string | null) =>
    rows.find((r) => r.key === key);
  const sum = (rows: { [k: string]: unknown }[], field: string) =>
    rows.reduce((s, r) => s + (r[field] as number), 0);

  /** Open cases of the demo, straight from the tables (no systemic bundles exist in a fresh database). */
  const openFigures = async (where = 'TRUE', params: unknown[] = []) => {
    const found: { n: number; homes: number }[] = await t.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(homes_total), 0)::int AS homes FROM cases c
        WHERE c.status = ANY($${params.length + 1}::varchar[]) AND ${where}`,
      [...params, OPEN_STATUSES],
    );
    return found[0] as { n: number; homes: number };
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) agents.set(who, await t.login(DEMO[who]));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("admin: the letter's three breakthroughs add up to 8,680 homes, under Noord-Holland, Zuid-Holland and Fryslân", async () => {
    const d = await dashboard('admin');
    expect(d.totals.breakthroughs).toBe(3);
    expect(d.totals.homesUnblocked).toBe(8680);
    expect(row(d.homes.byProvince, 'PV27')).toMatchObject({ label: 'Noord-Holland', homesUnblocked: 4580 });
    expect(row(d.homes.byProvince, 'PV28')).toMatchObject({ label: 'Zuid-Holland', homesUnblocked: 3500 });
    expect(row(d.homes.byProvince, 'PV21')).toMatchObject({ label: 'Fryslân', homesUnblocked: 600 });
    expect(sum(d.homes.byProvince, 'homesUnblocked')).toBe(8680);
    expect(sum(d.homes.byLevel, 'homesUnblocked')).toBe(8680);
    expect(sum(d.homes.byMonth, 'homesUnblocked')).toBe(8680);
    // De Stationstuinen was unblocked with the national table: its homes count at that level.
    expect(row(d.homes.byLevel, 'national_table')?.homesUnblocked).toBe(3500);
    // Every month of the trend, gap-filled, up to this month.
    expect(d.trend[d.trend.length - 1]?.month).toBe(localDate(new Date()).slice(0, 7));
    expect(sum(d.trend, 'homesUnblocked')).toBe(8680);
    expect(d.trend.find((m) => m.month === '2025-12')).toMatchObject({
      breakthroughs: 2,
      homesUnblocked: 5180,
    });
  });

  it('admin: open cases, homes at stake and the breakdowns agree with the tables', async () => {
    const d = await dashboard('admin');
    const open = await openFigures();
    expect(d.totals.openCases).toBe(open.n);
    expect(d.totals.homesAtStake).toBe(open.homes);
    expect(sum(d.openCases.byStatus, 'count')).toBe(open.n);
    expect(d.openCases.byStatus.map((s) => s.status)).toEqual(OPEN_STATUSES);
    expect(sum(d.openCases.byLevel, 'count')).toBe(open.n);
    expect(sum(d.homes.byProvince, 'homesAtStake')).toBe(open.homes);
    expect(sum(d.homes.byLevel, 'homesAtStake')).toBe(open.homes);
    expect(sum(d.homes.byMonth, 'homesAtStake')).toBe(open.homes);
    // A case counts once per knelpunt type: the type rows add up to at least the total.
    const perType: { homes: number }[] = await t.db.query(
      `SELECT coalesce(sum(c.homes_total), 0)::int AS homes FROM cases c JOIN case_knelpunten k ON k.case_id = c.id
        WHERE c.status = ANY($1::varchar[])`,
      [OPEN_STATUSES],
    );
    expect(sum(d.homes.byKnelpuntType, 'homesAtStake')).toBe(perType[0]?.homes);
    expect(sum(d.homes.byKnelpuntType, 'homesAtStake')).toBeGreaterThan(open.homes);
    // De Stationstuinen has two types: its 3,500 homes count under both.
    expect(row(d.homes.byKnelpuntType, 'grid_congestion')?.homesUnblocked).toBe(4100);
    expect(row(d.homes.byKnelpuntType, 'procedures')?.homesUnblocked).toBe(3500);
    expect(sum(d.homes.byKnelpuntType, 'homesUnblocked')).toBe(8680 + 3500);
    // Regions: a case counts in each region of its municipality; the rest under "no region".
    const assen = row(
      d.homes.byRegion,
      d.homes.byRegion.find((r) => r.label === 'Regio Groningen-Assen')?.key ?? '',
    );
    expect(assen?.homesAtStake).toBeGreaterThanOrEqual(1350);
    expect(row(d.homes.byRegion, null)?.label).toBe('Geen woondealregio');
    // Cases submitted per month: every case.
    const all: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM cases`);
    expect(sum(d.trend, 'casesSubmitted')).toBe(all[0]?.n);
  });

  it('admin: overdue actions by party and the median working days to breakthrough', async () => {
    const d = await dashboard('admin');
    const overdue: { name: string; n: number }[] = await t.db.query(
      `SELECT o.name, count(*)::int AS n FROM case_assignments a JOIN cases c ON c.id = a.case_id
         JOIN organisations o ON o.id = a.organisation_id
        WHERE a.removed_at IS NULL AND a.action_status <> 'done' AND a.due_date < $1::date
          AND c.status = ANY($2::varchar[])
        GROUP BY o.name ORDER BY n DESC, o.name`,
      [localDate(new Date()), OPEN_STATUSES],
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(d.overdueActionsByParty.map((p) => [p.organisationName, p.overdueActions])).toEqual(
      overdue.map((o) => [o.name, o.n]),
    );
    expect(d.totals.overdueActions).toBe(sum(overdue, 'n'));

    // The same definition in TypeScript: libs/domain workingDaysBetween over the holidays table.
    const holidays: { date: string }[] = await t.db.query(
      `SELECT date::text AS date FROM calendar_holidays WHERE active`,
    );
    const calendar = calendarOf(holidays.map((h) => h.date));
    const spans: { created: Date; date: string }[] = await t.db.query(
      `SELECT c.created_at AS created, b.date::text AS date FROM case_breakthroughs b JOIN cases c ON c.id = b.case_id
        WHERE b.current`,
    );
    const days = spans
      .map((s) => workingDaysBetween(localDate(new Date(s.created)), s.date, calendar))
      .sort((a, b) => a - b);
    expect(days).toHaveLength(3);
    expect(d.totals.medianWorkingDaysToBreakthrough).toBe(days[1]);
    expect(d.timeToBreakthrough).toMatchObject({ count: 3, medianWorkingDays: days[1] });
    expect(d.timeToBreakthrough.p25WorkingDays).toBeLessThanOrEqual(days[1] as number);
  });

  it('filters: province, knelpunt type, level, region and period narrow every figure', async () => {
    const nh = await dashboard('admin', '?province=PV27');
    expect(nh.totals.homesUnblocked).toBe(4580);
    expect(nh.homes.byProvince.map((p) => p.key)).toEqual(['PV27']);
    expect(nh.totals.openCases).toBe((await openFigures(`c.province_code = 'PV27'`)).n);

    const grid = await dashboard('admin', '?knelpuntType=grid_congestion');
    expect(grid.totals.homesUnblocked).toBe(4100);
    const gridOpen = await openFigures(
      `EXISTS (SELECT 1 FROM case_knelpunten k WHERE k.case_id = c.id AND k.knelpunt_code = 'grid_congestion')`,
    );
    expect(grid.totals.homesAtStake).toBe(gridOpen.homes);

    const national = await dashboard('admin', '?level=national_table,ministerial_taskforce');
    expect(national.totals.homesUnblocked).toBe(3500);
    expect(
      national.homes.byLevel.every((l) => ['national_table', 'ministerial_taskforce'].includes(l.key ?? '')),
    );

    const regions: { id: string }[] = await t.db.query(
      `SELECT id FROM regions WHERE name = 'Regio Groningen-Assen'`,
    );
    const region = await dashboard('admin', `?region=${regions[0]?.id}`);
    const regionOpen = await openFigures(
      `c.municipality_code IN (SELECT municipality_code FROM region_municipalities WHERE region_id = $1)`,
      [regions[0]?.id],
    );
    expect(region.totals.homesAtStake).toBe(regionOpen.homes);
    expect(region.totals.homesAtStake).toBeGreaterThanOrEqual(1350);
    expect(region.totals.homesUnblocked).toBe(0);

    // December 2025: Nieuw-Vennep (5 Dec) and Friesland (12 Dec); Barendrecht was in November.
    const december = await dashboard('admin', '?from=2025-12&to=2025-12');
    expect(december.period).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(december.totals.homesUnblocked).toBe(5180);
    expect(december.trend.map((m) => m.month)).toEqual(['2025-12']);
    const autumn = await dashboard('admin', '?from=2025-11-01&to=2025-12-06');
    expect(autumn.totals.homesUnblocked).toBe(3500 + 4580);
    expect(autumn.trend.map((m) => m.month)).toEqual(['2025-11', '2025-12']);
  });

  it('scope: a municipality counts only its own cases; coordinators, parties and national their own share', async () => {
    const barendrecht = await dashboard('barendrecht');
    expect(barendrecht.totals.homesUnblocked).toBe(3500);
    expect(barendrecht.totals.openCases).toBe((await openFigures(`c.municipality_code = 'GM0489'`)).n);
    expect(barendrecht.homes.byProvince.map((p) => p.key)).toEqual(['PV28']);

    const assen = await dashboard('assen');
    const assenOpen = await openFigures(`c.municipality_code = 'GM0106'`);
    expect(assen.totals.homesUnblocked).toBe(0);
    expect(assen.totals.openCases).toBe(assenOpen.n);
    expect(assen.totals.homesAtStake).toBe(assenOpen.homes);
    expect(assen.totals.homesAtStake).toBeGreaterThanOrEqual(1350);
    expect(assen.homes.byProvince.map((p) => p.key)).toEqual(['PV22']);

    const zh = await dashboard('coordinatorZh');
    expect(zh.totals.homesUnblocked).toBe(3500);
    expect(zh.totals.homesAtStake).toBe((await openFigures(`c.province_code = 'PV28'`)).homes);
    expect(zh.homes.byProvince.map((p) => p.key)).toEqual(['PV28']);

    // National sees what reached the national table; Liander what it is assigned to.
    const national = await dashboard('national');
    expect(national.totals.homesUnblocked).toBe(3500);
    expect(national.openCases.byLevel.every((l) => l.rank >= 3)).toBe(true);
    const liander = await dashboard('liander');
    expect(liander.totals.homesUnblocked).toBe(600);
    expect(liander.totals.openCases).toBe(
      (
        await openFigures(
          `EXISTS (SELECT 1 FROM case_assignments a JOIN organisations o ON o.id = a.organisation_id
                    WHERE a.case_id = c.id AND a.removed_at IS NULL AND o.name = 'Liander')`,
        )
      ).n,
    );
  });

  it('refuses bad filters (problem+json) and anonymous callers', async () => {
    const admin = agents.get('admin') as Agent;
    for (const query of ['?from=2026-13', '?from=2026-05&to=2026-04', '?province=NH', '?colour=red']) {
      const response = await admin.get(`/api/insight/dashboard${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await t.request({ method: 'GET', url: '/api/insight/dashboard' })).statusCode).toBe(401);
  });

  it('answers from the cache until the data changes; Cache-Control: no-cache recomputes', async () => {
    const first = await dashboard('coordinatorZh', '?province=PV28');
    expect((await dashboard('coordinatorZh', '?province=PV28')).generatedAt).toBe(first.generatedAt);
    const coordinator = agents.get('coordinatorZh') as Agent;
    const forced = await coordinator.request({
      method: 'GET',
      url: '/api/insight/dashboard?province=PV28',
      headers: { 'cache-control': 'no-cache' },
    });
    expect(forced.json<InsightDashboard>().generatedAt).not.toBe(first.generatedAt);

    // A new case is counted on the next request, for every audience that may see it.
    const created = await agents.get('barendrecht')?.post('/api/cases', caseInput({ homesTotal: 777 }));
    expect(created?.statusCode).toBe(201);
    const after = await dashboard('coordinatorZh', '?province=PV28');
    expect(after.totals.openCases).toBe(first.totals.openCases + 1);
    expect(after.totals.homesAtStake).toBe(first.totals.homesAtStake + 777);
    expect(after.openCases.byStatus.find((s) => s.status === 'submitted')?.count).toBe(
      (first.openCases.byStatus.find((s) => s.status === 'submitted')?.count ?? 0) + 1,
    );
    // A change to reference data (a region's members) is seen too.
    const region: { id: string }[] = await t.db.query(
      `SELECT id FROM regions WHERE name = 'Holland Rijnland'`,
    );
    const before = await dashboard('admin', `?region=${region[0]?.id}`);
    await t.db.query(
      `INSERT INTO region_municipalities (region_id, municipality_code) VALUES ($1, 'GM0489')`,
      [region[0]?.id],
    );
    const widened = await dashboard('admin', `?region=${region[0]?.id}`);
    expect(widened.totals.homesUnblocked).toBe(before.totals.homesUnblocked + 3500);
  });
});
