// Benchmark of the insight endpoints on 100k cases (bench/cases-list/generate.sql + supplement.sql):
// dashboard-type endpoints (target p95 ≤ 100 ms) and a ~10k-case CSV/XLSX export (target ≤ 5 s,
// streamed). Not a test: it prints a table and writes bench/results/insight-<time>.md.
// Usage: npm run build -w @doorbraak/domain && npx nx run api:build && node bench/insight/run.mjs
//   BENCH_PG=postgres://postgres@127.0.0.1:5432  server (default)
//   BENCH_REUSE=1       keep the database of the previous run (skip the 100k generation)
//   BENCH_PREPARE_ONLY=1  generate the database and stop
//   BENCH_REQUESTS=200  requests per endpoint and concurrency
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { login as loginAt } from '../web/app.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const server = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = 'doorbraak_bench_insight';
const dbUrl = `${server}/${dbName}`;
const PORT = 3210;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const base = `http://127.0.0.1:${PORT}`;

const psql = (args) => execFileSync('psql', args, { stdio: 'inherit' });
const psqlValue = (sql) => execFileSync('psql', [dbUrl, '-tAc', sql]).toString().trim();

function startApp() {
  const child = spawn('node', [join(root, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      DEMO_DATA: 'true',
      PORT: String(PORT),
      ROLE: 'api',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: 'bench-insight',
      DATA_DIR: join(root, '.data', 'bench-insight'),
      SMTP_URL: 'smtp://127.0.0.1:2',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      if (String(d).includes('Klaar in')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`app exited ${code}`)));
  });
}

const login = (email) => loginAt(base, email);

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** `total` requests with `concurrency` in flight; latencies in ms. `fresh`: bypass the insight cache. */
async function measure(url, cookie, concurrency, total, fresh = false) {
  const headers = fresh ? { cookie, 'cache-control': 'no-cache' } : { cookie };
  const latencies = [];
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      const t0 = performance.now();
      const r = await fetch(url, { headers });
      await r.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (!r.ok) errors += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies[latencies.length - 1],
    rps: total / seconds,
    errors,
  };
}

/** Downloads an export as a stream: time to first byte, total time, bytes. */
async function download(url, cookie) {
  const t0 = performance.now();
  const r = await fetch(url, { headers: { cookie } });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  const reader = r.body.getReader();
  let first = null;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (first === null) first = performance.now() - t0;
    bytes += value.length;
  }
  return { ttfb: first, total: performance.now() - t0, bytes };
}

async function main() {
  if (!process.env.BENCH_REUSE) {
    console.log(`Preparing ${dbName} on ${server} …`);
    psql([`${server}/postgres`, '-qc', `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
    psql([`${server}/postgres`, '-qc', `CREATE DATABASE ${dbName}`]);
    const seeding = await startApp(); // migrates, seeds reference and demo data
    seeding.kill('SIGTERM');
    const t0 = Date.now();
    psql([dbUrl, '-q', '-f', join(root, 'bench/cases-list/generate.sql')]);
    psql([dbUrl, '-q', '-f', join(here, 'supplement.sql')]);
    console.log(
      `Generated 100k cases (+ breakthroughs and actions) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  if (process.env.BENCH_PREPARE_ONLY) return;
  const app = await startApp();
  try {
    const admin = await login('admin@demo.doorbraak.nl');
    const coordinator = await login('coordinator.zh@demo.doorbraak.nl');
    const national = await login('landelijk@demo.doorbraak.nl');
    const municipality = await login('gemeente.barendrecht@demo.doorbraak.nl');
    const party = await login('liander@demo.doorbraak.nl');
    const cases = psqlValue(`SELECT count(*) FROM cases`);
    const breakthroughs = psqlValue(`SELECT count(*) FROM case_breakthroughs WHERE current`);
    const exportFilter = 'knelpuntType=nitrogen';
    const exportRows = psqlValue(
      `SELECT count(*) FROM cases c WHERE EXISTS (SELECT 1 FROM case_knelpunten k WHERE k.case_id = c.id AND k.knelpunt_code = 'nitrogen')`,
    );
    console.log(
      `${cases} cases, ${breakthroughs} current breakthroughs, export filter ${exportFilter}: ${exportRows} cases`,
    );

    const endpoints = [
      ['dashboard, admin (all 100k)', '/api/insight/dashboard', admin],
      [
        'dashboard, admin, filtered',
        '/api/insight/dashboard?province=PV27,PV28&knelpuntType=grid_congestion',
        admin,
      ],
      ['dashboard, admin, period 2025', '/api/insight/dashboard?from=2025-01&to=2025-12', admin],
      ['dashboard, coordinator ZH (scoped)', '/api/insight/dashboard', coordinator],
      ['dashboard, national', '/api/insight/dashboard', national],
      ['dashboard, municipality Barendrecht', '/api/insight/dashboard', municipality],
      ['dashboard, party Liander', '/api/insight/dashboard', party],
      ['dashboard, admin, knelpunt type', '/api/insight/dashboard?knelpuntType=nitrogen', admin],
      ['dashboard, admin, region', '/api/insight/dashboard?region=REGION', admin],
      [
        'dashboard, admin, 2025-11-02 … 2026-02-13',
        '/api/insight/dashboard?from=2025-11-02&to=2026-02-13',
        admin,
      ],
      ['systemic blockers, admin', '/api/insight/systemic-blockers', admin],
      // No Cache-Control: no-cache switch here: its "cold" column is cached counts too (shown as n/a).
      ['saved views with counts, admin', '/api/views?withCounts=true', admin, false],
    ];
    const rows = [];
    const region = psqlValue(`SELECT id FROM regions ORDER BY name LIMIT 1`);
    const loadBefore = os.loadavg();
    for (const [name, rawPath, cookie, canRecompute = true] of endpoints) {
      const path = rawPath.replace('REGION', region);
      const check = await fetch(`${base}${path}`, { headers: { cookie } });
      if (!check.ok) throw new Error(`${name}: ${check.status} ${await check.text()}`);
      await measure(`${base}${path}`, cookie, 1, 10, true); // warm-up
      const cold = await measure(`${base}${path}`, cookie, 1, Math.min(REQUESTS, 100), true);
      const serial = await measure(`${base}${path}`, cookie, 1, REQUESTS);
      const parallel = await measure(`${base}${path}`, cookie, 4, REQUESTS);
      rows.push({ name, cold: canRecompute ? cold : null, serial, parallel });
      console.log(name, JSON.stringify({ cold, serial, parallel }));
    }
    const loadAfter = os.loadavg();
    const exports = [];
    for (const kind of ['csv', 'xlsx']) {
      const runs = [];
      for (let i = 0; i < 3; i += 1)
        runs.push(await download(`${base}/api/exports/cases.${kind}?${exportFilter}`, admin));
      const worst = runs.reduce((a, b) => (b.total > a.total ? b : a));
      exports.push({ kind, ...worst });
      console.log(kind, JSON.stringify(runs));
    }
    const ms = (v) => v.toFixed(1);
    const lines = [
      `Insight benchmark — ${cases} cases, ${breakthroughs} current breakthroughs; PostgreSQL ${psqlValue('SHOW server_version')}; ${REQUESTS} requests per row`,
      '',
      `Machine: ${os.cpus().length} CPUs; load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before the dashboard rows, ${loadAfter.map((l) => l.toFixed(1)).join(' / ')} after.`,
      '',
      'Cold: every request recomputes (Cache-Control: no-cache). Cached: the answer for the same scope and query while the data version is unchanged (what a dashboard gets between writes).',
      '',
      '| endpoint | cold, 1 at a time p50 / p95 (ms) | cached, 1 at a time p50 / p95 / max (ms) | cached, 4 in parallel p50 / p95 (ms) | req/s (cached, 4 parallel) | errors | cached p95 ≤ 100 ms | cold p95 ≤ 100 ms |',
      '|---|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.cold ? `${ms(r.cold.p50)} / ${ms(r.cold.p95)}` : 'n/a'} | ${ms(r.serial.p50)} / ${ms(r.serial.p95)} / ${ms(r.serial.max)} | ${ms(r.parallel.p50)} / ${ms(r.parallel.p95)} | ${r.parallel.rps.toFixed(0)} | ${(r.cold?.errors ?? 0) + r.serial.errors + r.parallel.errors} | ${r.serial.p95 <= 100 ? 'yes' : 'NO'} | ${r.cold ? (r.cold.p95 <= 100 ? 'yes' : 'NO') : 'n/a'} |`,
      ),
      '',
      `| export (${exportFilter}: ${exportRows} cases) | first byte (ms) | complete (s), worst of 3 | size | ≤ 5 s |`,
      '|---|---|---|---|---|',
      ...exports.map(
        (e) =>
          `| ${e.kind.toUpperCase()} | ${ms(e.ttfb)} | ${(e.total / 1000).toFixed(2)} | ${(e.bytes / 1024).toFixed(0)} KiB | ${e.total <= 5000 ? 'yes' : 'NO'} |`,
      ),
    ];
    const out = lines.join('\n');
    console.log(`\n${out}`);
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(
      join(root, 'bench/results', `insight-${new Date().toISOString().slice(0, 16)}.md`),
      `${out}\n`,
    );
  } finally {
    app.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
