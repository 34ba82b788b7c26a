// Reminder pipeline benchmark (the deadlines issue): with 100,000 running deadlines,
//   1. how long one sweep takes (due reminders → deliveries),
//   2. how fast the sender pushes emails into a local SMTP sink (worker process, BullMQ),
//   3. how late reminders are sent when the worker runs on its own schedule (p50/p99 lateness).
// Usage: npm run bench:reminders  (machine's PostgreSQL and Redis; builds first)
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const server = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = 'doorbraak_bench_reminders';
const dbUrl = `${server}/${dbName}`;
const DUE_NOW = Number(process.env.BENCH_DUE_NOW ?? 5000);
const UPCOMING = Number(process.env.BENCH_UPCOMING ?? 2000);
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW ?? 150);
const { SMTPServer } = require(join(root, 'node_modules/smtp-server'));

const psql = (args) =>
  execFileSync('psql', args, { stdio: ['ignore', 'pipe', 'inherit'] })
    .toString()
    .trim();

function sink() {
  const received = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received.push(Date.now());
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    smtp.listen(0, '127.0.0.1', () => resolve({ smtp, received, port: smtp.server.address().port })),
  );
}

function start(role, extra = {}) {
  // BENCH_PROFILE_DIR: a CPU profile of each spawned process (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn('node', [...profile, join(root, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      DEMO_DATA: 'true',
      ROLE: role,
      PORT: '3210',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: 'bench-rem',
      DATA_DIR: join(root, '.data', 'bench'),
      MAIL_SEND_WINDOW: 'always',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      if (/Klaar in|worker gestart/.test(String(d))) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${role} exited ${code}`)));
  });
}

async function inProcessOutbox(smtpPort) {
  // The built app in this process with ROLE=api (no workers): its OutboxService, timed directly.
  process.env.DATABASE_URL = dbUrl;
  process.env.ROLE = 'api';
  process.env.LOG_LEVEL = 'warn';
  process.env.REDIS_PREFIX = 'bench-rem';
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.MIGRATIONS_RUN = 'false';
  process.env.DEMO_DATA = 'false';
  const { loadConfig } = require(join(root, 'apps/api/dist/config/config.js'));
  const { prepareRuntime } = require(join(root, 'apps/api/dist/runtime/runtime.js'));
  const { createApp } = require(join(root, 'apps/api/dist/app.factory.js'));
  const { OutboxService } = require(join(root, 'apps/api/dist/modules/notifications/outbox.service.js'));
  const runtime = await prepareRuntime(loadConfig());
  const app = await createApp(runtime);
  return {
    outbox: app.get(OutboxService),
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  execFileSync('redis-cli', ['--scan', '--pattern', 'bench-rem:*'], { stdio: 'ignore' });
  psql([`${server}/postgres`, '-qc', `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`]);
  psql([`${server}/postgres`, '-qc', `CREATE DATABASE ${dbName}`]);
  const first = await start('api', { SMTP_URL: 'smtp://127.0.0.1:2' });
  first.kill('SIGTERM');
  await new Promise((r) => first.on('exit', r));
  psql([
    dbUrl,
    '-q',
    '-v',
    `due_now=${DUE_NOW}`,
    '-v',
    `upcoming=${UPCOMING}`,
    '-v',
    `window_seconds=${WINDOW_SECONDS}`,
    '-f',
    join(here, 'generate.sql'),
  ]);
  // The upcoming reminders were timed from the load's start; a slow load (a busy machine) would
  // have turned them into backlog. Re-time them from now.
  psql([
    dbUrl,
    '-qc',
    `WITH g AS (SELECT max(updated_at) AS t FROM cases WHERE reference LIKE 'DB-R-%')
     UPDATE scheduled_reminders r SET fire_at = r.fire_at + (clock_timestamp() - g.t) FROM g
      WHERE r.status = 'pending' AND r.threshold = 'before:3'
        AND r.fire_at > g.t AND r.fire_at <= g.t + interval '${WINDOW_SECONDS} seconds'`,
  ]);
  const running = psql([dbUrl, '-tAc', `SELECT count(*) FROM deadlines WHERE state = 'running'`]);
  console.log(
    `${running} running deadlines; ${DUE_NOW} reminders due now, ${UPCOMING} over the next ${WINDOW_SECONDS} s`,
  );

  const { smtp, received, port } = await sink();
  const local = await inProcessOutbox(port);
  const t0 = performance.now();
  const swept = await local.outbox.sweep();
  const sweepMs = performance.now() - t0;
  console.log(`sweep: ${JSON.stringify(swept)} in ${sweepMs.toFixed(0)} ms`);
  const quiet = performance.now();
  const again = await local.outbox.sweep();
  const idleSweepMs = performance.now() - quiet;
  console.log(
    `sweep with nothing due (100k running deadlines): ${JSON.stringify(again)} in ${idleSweepMs.toFixed(0)} ms`,
  );
  await local.close();

  const worker = await start('worker', { SMTP_URL: `smtp://127.0.0.1:${port}` });
  const deliveries = swept.deliveries;
  const sendStart = Date.now();
  while (received.length < deliveries && Date.now() - sendStart < 300_000)
    await new Promise((r) => setTimeout(r, 200));
  const firstAt = received[0] ?? sendStart;
  const lastAt = received[Math.min(deliveries, received.length) - 1] ?? Date.now();
  const rate = (Math.min(deliveries, received.length) / ((lastAt - firstAt) / 1000)).toFixed(0);
  console.log(
    `sender: ${received.length}/${deliveries} emails in ${((lastAt - firstAt) / 1000).toFixed(1)} s → ${rate} emails/s`,
  );

  // Lateness: the upcoming reminders fall due while the worker runs on its own schedule.
  const waitUntil = Date.now() + (WINDOW_SECONDS + 75) * 1000;
  while (Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 1000));
  const lateness = psql([
    dbUrl,
    '-tAc',
    `SELECT extract(epoch FROM (dl.sent_at - r.fire_at)) FROM deliveries dl
      JOIN scheduled_reminders r ON r.deadline_id = dl.deadline_id AND r.threshold = dl.threshold
     WHERE dl.status = 'sent' AND r.fire_at > (SELECT min(created_at) FROM deliveries)`,
  ])
    .split('\n')
    .filter(Boolean)
    .map(Number);
  // `unconfirmed`: the final "." went out but the 250 was not recorded (taken as delivered, never resent).
  const unsent = psql([
    dbUrl,
    '-tAc',
    `SELECT count(*) FROM deliveries WHERE status NOT IN ('sent', 'unconfirmed')`,
  ]);
  console.log(
    `lateness of ${lateness.length} reminders that fell due during the run: p50 ${pct(lateness, 50)?.toFixed(1)} s, p99 ${pct(lateness, 99)?.toFixed(1)} s, max ${Math.max(...lateness).toFixed(1)} s; unsent ${unsent}`,
  );
  worker.kill('SIGTERM');
  smtp.close();
  const dupes =
    received.length -
    Number(psql([dbUrl, '-tAc', `SELECT count(*) FROM deliveries WHERE status IN ('sent', 'unconfirmed')`]));
  console.log(
    `emails received ${received.length}, deliveries sent ${received.length - dupes} (difference ${dupes})`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
