// The dashboard computed both ways on the 100k benchmark database, alternately, so both see the
// same machine load: from the insight rollup ("rollup": the pre-summed cells or the per-case facts,
// as dashboardPath chooses) and straight from the cases ("direct").
// Also checks that both give the same figures. Not a test: prints a table and writes
// bench/results/insight-paths-<time>.md.
// Usage: npx nx run api:build && node bench/insight/run.mjs (once, or BENCH_PREPARE_ONLY=1) &&
//        node bench/insight/paths.mjs
//   BENCH_PG=postgres://postgres@127.0.0.1:5432  server (default); BENCH_ROUNDS=40
import { isDeepStrictEqual } from 'node:util';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(join(root, 'apps/api/package.json'));
const { Pool } = require('pg');
const { DashboardService } = require(join(root, 'apps/api/dist/modules/insight/dashboard.service.js'));

const server = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const pool = new Pool({ connectionString: `${server}/doorbraak_bench_insight`, max: 10 });
const db = { query: (sql, params) => pool.query(sql, params).then((r) => r.rows) };
const service = new DashboardService(db, null);

const one = async (sql, params = []) => (await db.query(sql, params))[0];
const actor = (role, extra = {}) => ({
  userId: '00000000-0000-4000-8000-000000000001',
  email: `${role}@bench`,
  name: role,
  role,
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationName: role,
  municipalityCode: null,
  provinceCodes: [],
  ...extra,
});

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const region = (await one(`SELECT id FROM regions ORDER BY name LIMIT 1`)).id;
  const cases = (await one(`SELECT count(*)::int AS n FROM cases`)).n;
  const rows = [
    ['admin (all 100k)', actor('admin'), {}],
    ['admin, province PV27+PV28', actor('admin'), { province: ['PV27', 'PV28'] }],
    ['admin, period 2025', actor('admin'), { from: '2025-01-01', to: '2025-12-31' }],
    ['admin, region', actor('admin'), { region }],
    ['admin, knelpunt type nitrogen (facts)', actor('admin'), { knelpuntType: ['nitrogen'] }],
    [
      'admin, PV27+PV28 + grid_congestion (facts)',
      actor('admin'),
      { province: ['PV27', 'PV28'], knelpuntType: ['grid_congestion'] },
    ],
    [
      'admin, 2025-11-02 … 2026-02-13 (cells + cut days)',
      actor('admin'),
      { from: '2025-11-02', to: '2026-02-13' },
    ],
    [
      'admin, 2024-01-02 … today (cells + cut days)',
      actor('admin'),
      { from: '2024-01-02', to: new Date().toISOString().slice(0, 10) },
    ],
    ['coordinator Zuid-Holland', actor('coordinator', { provinceCodes: ['PV28'] }), {}],
    ['national', actor('national'), {}],
  ];
  const loadBefore = os.loadavg();
  const results = [];
  for (const [name, who, query] of rows) {
    const rollup = await service.compute(who, query);
    const direct = await service.compute(who, query, 'direct');
    const same = isDeepStrictEqual({ ...rollup, generatedAt: '' }, { ...direct, generatedAt: '' });
    const times = { rollup: [], direct: [] };
    for (let i = 0; i < ROUNDS; i += 1) {
      for (const path of i % 2 === 0 ? ['rollup', 'direct'] : ['direct', 'rollup']) {
        const how = path === 'rollup' ? undefined : 'direct';
        const t0 = performance.now();
        await service.compute(who, query, how);
        times[path].push(performance.now() - t0);
      }
    }
    for (const t of Object.values(times)) t.sort((a, b) => a - b);
    const r = {
      name,
      same,
      rollup: { p50: percentile(times.rollup, 50), p95: percentile(times.rollup, 95) },
      direct: { p50: percentile(times.direct, 50), p95: percentile(times.direct, 95) },
    };
    results.push(r);
    console.log(JSON.stringify(r));
  }
  const loadAfter = os.loadavg();
  const ms = (v) => v.toFixed(1);
  const lines = [
    `Dashboard computed both ways, alternately — ${cases} cases; ${ROUNDS} rounds per row; database time and assembly in one Node process (no HTTP, no cache)`,
    '',
    `Machine: ${os.cpus().length} CPUs; load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' / ')} after.`,
    '',
    '| dashboard | rollup (cells or facts) p50 / p95 (ms) | direct p50 / p95 (ms) | same figures |',
    '|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${ms(r.rollup.p50)} / ${ms(r.rollup.p95)} | ${ms(r.direct.p50)} / ${ms(r.direct.p95)} | ${r.same ? 'yes' : 'NO'} |`,
    ),
  ];
  const out = lines.join('\n');
  console.log(`\n${out}`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, 'bench/results', `insight-paths-${new Date().toISOString().slice(0, 16)}.md`),
    `${out}\n`,
  );
  await pool.end();
  if (results.some((r) => !r.same)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
