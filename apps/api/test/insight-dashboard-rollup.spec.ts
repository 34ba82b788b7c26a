import type { Actor, InsightDashboard, InsightDashboardQuery } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardService } from '../src/modules/insight/dashboard.service';
import { splitPeriod } from '../src/modules/insight/dashboard-rollup';
import { dashboardPath } from '../src/modules/insight/insight-sql';
import { startTestApp, type TestApp } from './test-app';

/*
 * The insight rollup (pre-summed cells and per-case facts, InsightRollup migrations) against the
 * direct computation over the cases:
 * on generated data (several knelpunten per case, breakthroughs, overdue and done actions, a
 * systemic bundle, region members), for several scopes and queries, and again after updates,
 * deletes and a change of region membership. The two paths must give the same dashboard.
 */
describe('insight dashboard: the rollup gives the figures of the direct computation', () => {
  let t: TestApp;
  let dashboards: DashboardService;
  let regionId: string;

  const actor = (role: Actor['role'], provinceCodes: string[] = []): Actor => ({
    userId: '00000000-0000-4000-8000-000000000001',
    email: `${role}@example.test`,
    name: role,
    role,
    organisationId: '00000000-0000-4000-8000-000000000002',
    organisationName: role,
    municipalityCode: null,
    provinceCodes,
  });
  const actors: [string, Actor][] = [
    ['admin', actor('admin')],
    ['coordinator of two provinces', actor('coordinator', ['PV28', 'PV27'])],
    ['coordinator of one province', actor('coordinator', ['PV22'])],
    ['national', actor('national')],
  ];
  const queries = (): [string, InsightDashboardQuery][] => [
    ['no filters', {}],
    ['province', { province: ['PV28', 'PV26'] }],
    ['level', { level: ['regional_table', 'national_table'] }],
    ['region', { region: regionId }],
    ['one month', { from: '2025-12-01', to: '2025-12-31' }],
    ['a year, a province', { from: '2025-01-01', to: '2025-12-31', province: ['PV28'] }],
    ['from a month on', { from: '2026-03-01' }],
    ['one knelpunt type', { knelpuntType: ['grid_congestion'] }],
    [
      'two knelpunt types and a province',
      { knelpuntType: ['nitrogen', 'procedures'], province: ['PV28', 'PV27'] },
    ],
    ['a period cutting months', { from: '2025-11-02', to: '2026-02-13' }],
    [
      'a knelpunt type, a region, a cut period',
      { knelpuntType: ['other'], region: regionId, to: '2026-06-15' },
    ],
  ];

  const without = (d: InsightDashboard) => ({ ...d, generatedAt: '' });

  const compareAll = async () => {
    let compared = 0;
    for (const [who, a] of actors) {
      for (const [what, query] of queries()) {
        expect(dashboardPath(a, query), `${who}, ${what}`).not.toBe('direct');
        const [fast, direct] = await Promise.all([
          dashboards.compute(a, query),
          dashboards.compute(a, query, 'direct'),
        ]);
        expect(without(fast), `${who}, ${what}`).toEqual(without(direct));
        compared += 1;
      }
    }
    return compared;
  };

  beforeAll(async () => {
    t = await startTestApp();
    dashboards = t.app.get(DashboardService);
    const regions: { id: string }[] = await t.db.query(`SELECT id FROM regions ORDER BY name LIMIT 1`);
    regionId = regions[0]?.id as string;
    // 600 generated cases over two years, in every province, with one to three knelpunten each.
    await t.db.query(`
      INSERT INTO cases (reference, project_name, municipality_code, province_code, homes_total,
                         homes_social_or_affordable, status, level_code, submitter_organisation_id, created_at)
      SELECT 'DB-R-' || g, 'Rollup ' || g, m.code, m.province_code, 10 + (g * 37) % 900,
             CASE WHEN g % 5 = 0 THEN NULL ELSE (g * 13) % 300 END,
             (ARRAY['submitted','accepted','in_progress','escalated','reopened','rejected','breakthrough','closed'])[1 + g % 8],
             (ARRAY['woondeal_table','regional_table','national_table','ministerial_taskforce'])[1 + (g / 3) % 4],
             (SELECT id FROM organisations ORDER BY name LIMIT 1),
             now() - ((g * 7919) % 730 || ' days')::interval - ((g * 104729) % 86400 || ' seconds')::interval
        FROM generate_series(1, 600) g
        JOIN (SELECT row_number() OVER (ORDER BY code) AS i, code, province_code FROM municipalities) m
          ON m.i = 1 + (g * 31) % 342`);
    await t.db.query(`
      INSERT INTO case_knelpunten (case_id, knelpunt_code)
      SELECT DISTINCT c.id, k.code FROM cases c CROSS JOIN generate_series(0, 2) s
        JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS i, code FROM knelpunt_types) k
          ON k.i = (abs(hashtext(c.id::text || s)) % (SELECT count(*) FROM knelpunt_types))
       WHERE c.reference LIKE 'DB-R-%' AND (s = 0 OR abs(hashtext(c.reference || s)) % 3 = 0)`);
    await t.db.query(`
      INSERT INTO case_breakthroughs (case_id, date, homes_unblocked, solution_type, narrative, current)
      SELECT c.id, least((c.created_at AT TIME ZONE 'Europe/Amsterdam')::date + abs(hashtext(c.id::text)) % 200,
                         (now() AT TIME ZONE 'Europe/Amsterdam')::date),
             greatest(1, c.homes_total / 2), 'other', 'Rollup', s = 1
        FROM cases c CROSS JOIN generate_series(0, 1) s
       WHERE c.reference LIKE 'DB-R-%' AND c.status = 'breakthrough'`);
    await t.db.query(`
      INSERT INTO case_assignments (case_id, organisation_id, role, requested_action, due_date, action_status)
      SELECT c.id, p.id, 'lead', 'Rollup-actie',
             (now() AT TIME ZONE 'Europe/Amsterdam')::date + (abs(hashtext(c.id::text)) % 40 - 20),
             (ARRAY['open','in_progress','done','blocked'])[1 + abs(hashtext(c.reference)) % 4]
        FROM cases c
        JOIN (SELECT row_number() OVER (ORDER BY name) - 1 AS i, id FROM organisations WHERE type IN ('grid_operator', 'province')) p
          ON p.i = abs(hashtext(c.reference || 'p')) % 5
       WHERE c.reference LIKE 'DB-R-%' AND abs(hashtext(c.id::text)) % 2 = 0`);
    // A systemic bundle: left out of every figure, counted in totals.systemicKnelpunten.
    await t.db.query(`
      INSERT INTO systemic_knelpunten (case_id, knelpunt_code, homes_at_stake)
      SELECT id, 'grid_congestion', 0 FROM cases WHERE reference IN ('DB-R-1', 'DB-R-2', 'DB-R-9')`);
    // Region members beyond the seeded ones (the rollup is rebuilt).
    await t.db.query(
      `INSERT INTO region_municipalities (region_id, municipality_code)
       SELECT $1, code FROM municipalities WHERE province_code = 'PV28' ORDER BY code LIMIT 8 ON CONFLICT DO NOTHING`,
      [regionId],
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Rows in which the maintained insight_blocker_pairs and the live join disagree (0 = equal). */
  async function blockerPairsDiffer(): Promise<number> {
    const rows: { n: number; total: number }[] = await t.db.query(`
      SELECT (SELECT count(*) FROM insight_blocker_pairs)::int AS total,
             (SELECT count(*) FROM ((SELECT * FROM insight_blocker_pairs EXCEPT ALL SELECT * FROM insight_blocker_pairs_current)
                UNION ALL (SELECT * FROM insight_blocker_pairs_current EXCEPT ALL SELECT * FROM insight_blocker_pairs)) d)::int AS n`);
    const { n, total } = rows[0] ?? { n: -1, total: 0 };
    expect(total).toBeGreaterThan(300);
    return n;
  }

  it('agrees for every scope and query on the generated data', async () => {
    const admin = await dashboards.compute(actor('admin'), {}, 'cells');
    expect(admin.totals.openCases).toBeGreaterThan(300);
    expect(admin.totals.breakthroughs).toBeGreaterThan(60);
    expect(admin.totals.overdueActions).toBeGreaterThan(20);
    expect(admin.totals.systemicKnelpunten).toBeGreaterThan(0);
    expect(await compareAll()).toBe(actors.length * queries().length);
    expect(await blockerPairsDiffer()).toBe(0);
  });

  it('agrees after updates, deletes, reopened breakthroughs, bundles and region changes', async () => {
    await t.db.query(`UPDATE cases SET status = 'in_progress', level_code = 'national_table'
                       WHERE reference LIKE 'DB-R-%' AND abs(hashtext(reference || 'u')) % 6 = 0`);
    await t.db.query(`UPDATE cases SET homes_total = homes_total + 11, homes_social_or_affordable = NULL
                       WHERE reference LIKE 'DB-R-%' AND abs(hashtext(reference || 'h')) % 5 = 0`);
    await t.db.query(`UPDATE cases SET municipality_code = 'GM0489', province_code = 'PV28'
                       WHERE reference IN ('DB-R-10', 'DB-R-11', 'DB-R-12')`);
    await t.db.query(`UPDATE cases SET created_at = created_at - interval '40 days'
                       WHERE reference LIKE 'DB-R-%' AND abs(hashtext(reference || 'c')) % 9 = 0`);
    // A reopened case: its breakthrough stops being current; another gets a second one.
    await t.db.query(`UPDATE case_breakthroughs SET current = false
                       WHERE current AND abs(hashtext(case_id::text || 'b')) % 4 = 0`);
    await t.db.query(`UPDATE case_breakthroughs SET date = date - 3, homes_unblocked = homes_unblocked + 1
                       WHERE current AND abs(hashtext(case_id::text || 'd')) % 4 = 0`);
    await t.db.query(`DELETE FROM case_knelpunten WHERE abs(hashtext(case_id::text || knelpunt_code)) % 7 = 0
                        AND case_id IN (SELECT id FROM cases WHERE reference LIKE 'DB-R-%')`);
    await t.db.query(`INSERT INTO case_knelpunten (case_id, knelpunt_code)
                      SELECT id, 'other' FROM cases WHERE reference LIKE 'DB-R-%' AND abs(hashtext(reference || 'k')) % 8 = 0
                      ON CONFLICT DO NOTHING`);
    await t.db.query(
      `UPDATE case_assignments SET action_status = 'done' WHERE abs(hashtext(id::text)) % 5 = 0`,
    );
    await t.db.query(
      `UPDATE case_assignments SET removed_at = now() WHERE removed_at IS NULL AND abs(hashtext(id::text || 'r')) % 6 = 0`,
    );
    await t.db.query(
      `UPDATE case_assignments SET due_date = due_date - 10 WHERE abs(hashtext(id::text || 'e')) % 4 = 0`,
    );
    // Informed parties are not counted as the party of a systemic blocker (insight_blocker_pairs).
    await t.db.query(
      `UPDATE case_assignments SET role = 'informed' WHERE removed_at IS NULL AND abs(hashtext(id::text || 'i')) % 7 = 0`,
    );
    await t.db.query(
      `DELETE FROM case_assignments WHERE abs(hashtext(id::text || 'x')) % 9 = 0
         AND case_id IN (SELECT id FROM cases WHERE reference LIKE 'DB-R-%')`,
    );
    await t.db.query(
      `DELETE FROM systemic_knelpunten WHERE case_id = (SELECT id FROM cases WHERE reference = 'DB-R-2')`,
    );
    await t.db.query(`INSERT INTO systemic_knelpunten (case_id, knelpunt_code, homes_at_stake)
                      SELECT id, 'nitrogen', 0 FROM cases WHERE reference = 'DB-R-30'`);
    // Generated cases have no events, so they can be deleted (with their rows, by cascade).
    await t.db.query(`DELETE FROM cases WHERE reference IN ('DB-R-40', 'DB-R-41', 'DB-R-42', 'DB-R-1')`);
    await t.db.query(
      `DELETE FROM region_municipalities WHERE region_id = $1 AND municipality_code IN
                        (SELECT municipality_code FROM region_municipalities WHERE region_id = $1 ORDER BY municipality_code LIMIT 2)`,
      [regionId],
    );
    expect(await compareAll()).toBe(actors.length * queries().length);

    // The maintained cells equal cells rebuilt from scratch.
    const snapshot = async () =>
      t.db
        .query(`SELECT (SELECT json_agg(x ORDER BY x::text) FROM (SELECT * FROM insight_case_cells WHERE n <> 0) x)::text AS cases,
                         (SELECT json_agg(x ORDER BY x::text) FROM (SELECT * FROM insight_knelpunt_cells WHERE n <> 0) x)::text AS knelpunten,
                         (SELECT json_agg(x ORDER BY x::text) FROM (SELECT * FROM insight_breakthrough_cells WHERE n <> 0) x)::text AS breakthroughs,
                         (SELECT json_agg(x ORDER BY x::text) FROM (SELECT * FROM insight_overdue_cells WHERE n <> 0) x)::text AS overdue,
                         (SELECT json_agg(x ORDER BY x::text) FROM (SELECT * FROM insight_knelpunt_month_cells WHERE n <> 0) x)::text AS knelpunt_months`);
    expect(await blockerPairsDiffer()).toBe(0);
    const maintained: unknown = await snapshot();
    await t.db.query(`SELECT insight_rollup_rebuild()`);
    expect(await snapshot()).toEqual(maintained);
  });

  it('reads the cells, the facts or the cases as the query needs', () => {
    expect(dashboardPath(actor('admin'), {})).toBe('cells');
    expect(dashboardPath(actor('national'), { province: ['PV28'], level: ['national_table'] })).toBe('cells');
    expect(dashboardPath(actor('admin'), { from: '2025-11-02', to: '2025-11-29' })).toBe('cells');
    expect(dashboardPath(actor('admin'), { knelpuntType: ['nitrogen'] })).toBe('facts');
    expect(splitPeriod('2025-11-02', '2026-02-13')).toEqual({
      months: { from: '2025-12-01', to: '2026-01-31' },
      edges: [
        { from: '2025-11-02', to: '2025-11-30' },
        { from: '2026-02-01', to: '2026-02-13' },
      ],
    });
    expect(splitPeriod('2025-11-02', '2025-12-10')).toEqual({
      months: null,
      edges: [{ from: '2025-11-02', to: '2025-12-10' }],
    });
    expect(splitPeriod('2025-12-01', '2025-12-31')).toEqual({
      months: { from: '2025-12-01', to: '2025-12-31' },
      edges: [],
    });
    expect(splitPeriod(undefined, '2026-02-28')).toEqual({
      months: { from: undefined, to: '2026-02-28' },
      edges: [],
    });
    expect(splitPeriod('2024-02-29', undefined)).toEqual({
      months: { from: '2024-03-01', to: undefined },
      edges: [{ from: '2024-02-29', to: '2024-02-29' }],
    });
    expect(dashboardPath({ ...actor('municipality'), municipalityCode: 'GM0489' }, {})).toBe('direct');
    expect(dashboardPath(actor('party'), {})).toBe('direct');
  });
});
