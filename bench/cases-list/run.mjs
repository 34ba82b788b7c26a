// Benchmark of GET /api/cases: the real app (session, guard, validation, Nest, Fastify) side by
// side in the same run with a bare Fastify + pg handler that runs the same SQL (the limit).
// Usage: npm run bench:cases  (needs the machine's PostgreSQL and Redis; builds first)
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const server = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = 'doorbraak_bench';
const dbUrl = `${server}/${dbName}`;
const APP_PORT = 3200;
const BARE_PORT = 3201;
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);

const psql = (args, input) =>
  execFileSync('psql', [...args], { input, stdio: input ? ['pipe', 'inherit', 'inherit'] : 'inherit' });

function startApp() {
  const child = spawn('node', [join(root, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      DEMO_DATA: 'true',
      PORT: String(APP_PORT),
      ROLE: 'api',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: 'bench',
      DATA_DIR: join(root, '.data', 'bench'),
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

async function login() {
  const r = await fetch(`http://127.0.0.1:${APP_PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.doorbraak.nl', password: 'Doorbraak-demo-2026' }),
  });
  if (!r.ok) throw new Error(`login ${r.status}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, me: await r.json() };
}

async function startBare(actor) {
  const Fastify = require(join(root, 'node_modules/fastify'));
  const { Pool } = require(join(root, 'node_modules/pg'));
  const { caseListQuerySchema, validate } = require(join(root, 'libs/domain/dist/index.js'));
  const { buildCaseListQuery, caseListPage } = require(
    join(root, 'apps/api/dist/modules/cases/case-list.query.js'),
  );
  const pool = new Pool({ connectionString: dbUrl, max: 10 });
  const app = Fastify({ logger: false });
  app.get('/api/cases', async (request, reply) => {
    const q = validate(caseListQuerySchema, request.query);
    if (!q.ok) return reply.status(400).send(q.errors);
    const { sql, params } = buildCaseListQuery(actor, q.data);
    const { rows } = await pool.query(sql, params);
    return caseListPage(rows, q.data.limit);
  });
  await app.listen({ port: BARE_PORT, host: '127.0.0.1' });
  return {
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

/** Nearest-rank percentile of the recorded response times (ms, one decimal). */
const percentile = (sorted, p) =>
  sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10
    : NaN;

/** autocannon reports p90 and p97.5, not p95: record every response time and rank them here. */
function cannon(url, headers, opts) {
  return new Promise((resolve, reject) => {
    const times = [];
    const instance = autocannon({ url, headers, duration: DURATION, ...opts }, (err, result) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      result.exact = {
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        n: times.length,
      };
      resolve(result);
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

async function main() {
  let app;
  if (process.env.BENCH_REUSE === '1') {
    console.log(`Reusing ${dbName} on ${server} (BENCH_REUSE=1)`);
  } else {
    console.log(`Preparing ${dbName} on ${server} …`);
    psql([`${server}/postgres`, '-qc', `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
    psql([`${server}/postgres`, '-qc', `CREATE DATABASE ${dbName}`]);
    app = await startApp(); // migrates and seeds reference + demo data
    app.kill('SIGTERM');
    const t0 = Date.now();
    psql([dbUrl, '-q', '-f', join(here, 'generate.sql')]);
    console.log(`Generated 100k cases and 1M events in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  app = await startApp();
  const { cookie, me } = await login();
  const bare = await startBare(me);
  const deep = execFileSync('psql', [
    dbUrl,
    '-tAc',
    `SELECT created_at::text || '|' || id FROM cases ORDER BY created_at DESC, id DESC OFFSET 49949 LIMIT 1`,
  ])
    .toString()
    .trim();
  const [key, id] = deep.split('|');
  const deepCursor = Buffer.from(JSON.stringify([key, id])).toString('base64url');

  const scenarios = [
    ['page 1', 'limit=50'],
    ['page 1,000 (keyset)', `limit=50&cursor=${deepCursor}`],
    ['filtered', 'limit=50&status=in_progress,escalated&province=PV28,PV27&knelpuntType=grid_congestion'],
    ['searched', 'limit=50&q=netcongesties'],
  ];
  const only = process.env.BENCH_ONLY; // e.g. BENCH_ONLY=filtered: repeat one scenario
  const rows = [];
  for (const [name, qs] of scenarios.filter(([name]) => !only || name.startsWith(only))) {
    const result = {};
    for (const [target, port, headers] of [
      ['bare', BARE_PORT, {}],
      ['app', APP_PORT, { cookie }],
    ]) {
      const url = `http://127.0.0.1:${port}/api/cases?${qs}`;
      const check = await fetch(url, { headers });
      if (!check.ok) throw new Error(`${target} ${name}: ${check.status} ${await check.text()}`);
      const paced = await cannon(url, headers, { connections: 10, overallRate: 200 });
      const max = await cannon(url, headers, { connections: 16 });
      result[target] = {
        p50: paced.exact.p50,
        p95: paced.exact.p95,
        p99: paced.exact.p99,
        paced: paced.requests.average,
        errors: paced.errors + paced.non2xx + max.errors + max.non2xx,
        max: max.requests.average,
      };
    }
    rows.push({ name, ...result });
    console.log(name, JSON.stringify(result));
  }
  const p1 = rows[0]?.app.p50;
  const lines = [
    `| scenario | app p50 / p95 / p99 at 200 req/s (ms) | bare p50 / p95 (ms) | app max req/s | bare max req/s | app/bare | errors |`,
    `|---|---|---|---|---|---|---|`,
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.app.p50} / ${r.app.p95} / ${r.app.p99} | ${r.bare.p50} / ${r.bare.p95} | ${r.app.max.toFixed(0)} | ${r.bare.max.toFixed(0)} | ${(r.app.max / r.bare.max).toFixed(2)} | ${r.app.errors + r.bare.errors} |`,
    ),
    '',
    only ? '' : `page 1,000 vs page 1 (app p50): ${(rows[1].app.p50 / p1).toFixed(2)}×`,
  ];
  const out = lines.join('\n');
  console.log(`\n${out}`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, 'bench/results', `cases-list-${new Date().toISOString().slice(0, 16)}.md`),
    `${out}\n`,
  );
  await bare.close();
  app.kill('SIGTERM');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
