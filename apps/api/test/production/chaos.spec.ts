import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  assertBuilt,
  freePort,
  migrate,
  privateRedis,
  productionEnv,
  type Scratch,
  scratchDatabase,
  SERVER_URL,
  SKIP_REASON,
  type SmtpSink,
  sleep,
  waitFor,
  spawnApp,
  startSmtpSink,
} from './support';

const run = promisify(execFile);

const DEADLINES = 1_000;
/** The deadlines fall due over this many seconds after the worker starts. */
const SPREAD_S = 15;
/**
 * The chaos, driven by progress rather than the clock (a slow start on a busy machine must not
 * let the kills land before anything is sent): each SIGKILL comes once the running worker has
 * sent EMAILS_PER_KILL emails of its own, plus up to 300 ms; the worker restarts 0.5 s later.
 */
const KILLS = 5;
const EMAILS_PER_KILL = 60;
/** FLUSHALL on the worker's Redis after these kills, once deliveries are queued in Redis. */
const FLUSH_AFTER_KILLS = [1, 3];

/**
 * 1,000 assignment deadlines, each with one contact of its own (an organisation without
 * accounts, so the contact is the only recipient): one `breach` reminder each, due over the
 * next SPREAD_S seconds. Written with SQL, as the sweeper finds them.
 */
async function dueDeadlines(db: Scratch, startsAt: Date): Promise<void> {
  await db.query(`
    INSERT INTO organisations (name, type, province_codes) VALUES ('Chaos BV', 'other', '{PV28}')`);
  await db.query(
    `WITH m AS (SELECT code, province_code FROM municipalities WHERE code = 'GM0489'),
          o AS (SELECT id FROM organisations WHERE name = 'Chaos BV'),
          c AS (
            INSERT INTO cases (reference, project_name, municipality_code, province_code, homes_total, status,
                               level_code, submitter_organisation_id, created_at, updated_at)
            SELECT 'DB-CHAOS-' || lpad(g::text, 4, '0'), 'Chaos ' || g, m.code, m.province_code, 10, 'in_progress',
                   'woondeal_table', o.id, now() - interval '30 days', now()
              FROM generate_series(1, $1::int) g, m, o
            RETURNING id, reference),
          a AS (
            INSERT INTO case_assignments (case_id, organisation_id, role, requested_action, contacts)
            SELECT c.id, o.id, 'lead', 'Los het op.',
                   jsonb_build_array(jsonb_build_object('email', 'chaos-' || substr(c.reference, 10) || '@chaos.example'))
              FROM c, o
            RETURNING id, case_id),
          d AS (
            INSERT INTO deadlines (case_id, kind, assignment_id, budget_working_days, started_at, due_date, due_at, state,
                                   max_pause_working_days, max_extension_working_days, version)
            SELECT a.case_id, 'assignment', a.id, 10, now() - interval '20 days',
                   ($2::timestamptz)::date, $2::timestamptz + (random() * $3::int) * interval '1 second',
                   'running', 60, 5, 1
              FROM a
            RETURNING id, due_at)
     INSERT INTO scheduled_reminders (deadline_id, deadline_version, threshold, fire_at, urgent, status)
     SELECT d.id, 1, 'breach', d.due_at, true, 'pending' FROM d`,
    [DEADLINES, startsAt, SPREAD_S],
  );
}

describe.skipIf(!SERVER_URL)(
  'chaos: 1,000 deadlines fall due while the worker is SIGKILLed and Redis is flushed',
  () => {
    let db: Scratch;
    let smtp: SmtpSink;
    let redis: { url: string; stop(): Promise<void> };
    const workers: AppProcess[] = [];

    beforeAll(async () => {
      assertBuilt();
      [db, smtp, redis] = await Promise.all([scratchDatabase('chaos'), startSmtpSink(), privateRedis()]);
      const m = await migrate(db.url, { NODE_ENV: 'production' });
      expect(m.code, m.output).toBe(0);
    });
    afterAll(async () => {
      for (const w of workers) w.signal('SIGKILL');
      await smtp?.close();
      await redis?.stop();
      await db?.drop();
    });

    it('exactly once: none lost, none doubled — one message per (deadline, threshold, recipient)', async () => {
      const started = Date.now();
      const env = async () =>
        productionEnv({
          databaseUrl: db.url,
          smtpUrl: smtp.url,
          redisUrl: redis.url,
          prefix: `prod-chaos-${randomBytes(3).toString('hex')}`,
          healthPort: await freePort(),
          extra: { SWEEP_INTERVAL_SECONDS: '1' },
        });
      const chaosEnv = await env();
      const startWorker = async () => {
        const w = await spawnApp('worker', { ...chaosEnv, WORKER_HEALTH_PORT: String(await freePort()) });
        workers.push(w);
        return w;
      };

      const t0 = Date.now();
      await dueDeadlines(db, new Date(t0 + 1_000));
      let worker = await startWorker();
      const kills: number[] = [];
      const flushes: number[] = [];
      const rel = () => `+${((Date.now() - t0) / 1000).toFixed(1)} s`;
      const queued = async () =>
        (
          await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'queued'`)
        )[0]!.n;
      let killsWhileSending = 0;
      let flushesWithQueuedJobs = 0;
      for (let k = 1; k <= KILLS; k++) {
        const from = smtp.received.length;
        const progressed = await waitFor(
          () => smtp.received.length - from >= EMAILS_PER_KILL || smtp.received.length >= DEADLINES,
          60_000,
          'the worker to send',
        ).catch(() => false);
        await sleep(Math.random() * 300);
        const sentByThisWorker = smtp.received.length - from;
        worker.signal('SIGKILL');
        kills.push(Date.now());
        await worker.exited;
        if (progressed && sentByThisWorker > 0 && smtp.received.length < DEADLINES) killsWhileSending += 1;
        console.info(
          `${rel()} SIGKILL ${k} (this worker sent ${sentByThisWorker}; emails so far ${smtp.received.length})`,
        );
        if (FLUSH_AFTER_KILLS.includes(k)) {
          // Redis loses everything while Postgres holds queued deliveries (whose jobs were in Redis).
          const waiting = await queued();
          await run('redis-cli', ['-u', redis.url, 'FLUSHALL']);
          flushes.push(Date.now());
          if (waiting > 0) flushesWithQueuedJobs += 1;
          console.info(
            `${rel()} FLUSHALL (${waiting} deliveries queued in Redis; emails so far ${smtp.received.length})`,
          );
        }
        await sleep(500);
        worker = await startWorker();
      }
      const chaosEnded = Date.now();

      // Then let the last worker finish: Postgres says when every delivery is sent.
      const deadline = Date.now() + 170_000;
      type State = { deliveries: number; sent: number; unconfirmed: number; pending: number };
      let state: State = { deliveries: 0, sent: 0, unconfirmed: 0, pending: 0 };
      while (Date.now() < deadline) {
        const [row] = await db.query<State>(
          `SELECT (SELECT count(*)::int FROM deliveries) AS deliveries,
                (SELECT count(*)::int FROM deliveries WHERE status = 'sent') AS sent,
                (SELECT count(*)::int FROM deliveries WHERE status = 'unconfirmed') AS unconfirmed,
                (SELECT count(*)::int FROM scheduled_reminders WHERE status = 'pending') AS pending`,
        );
        state = row!;
        if (
          state.pending === 0 &&
          state.deliveries >= DEADLINES &&
          state.sent + state.unconfirmed === state.deliveries
        )
          break;
        await sleep(500);
      }
      const settledMs = Date.now() - chaosEnded;
      await sleep(1_500);
      worker.signal('SIGTERM');
      await worker.exited;

      // What the SMTP server holds, per (deadline, threshold, recipient): each contact is one deadline's.
      const expected = new Set(
        Array.from({ length: DEADLINES }, (_, i) => `chaos-${String(i + 1).padStart(4, '0')}@chaos.example`),
      );
      const perRecipient = new Map<string, typeof smtp.received>();
      for (const m of smtp.received) {
        if (!expected.has(m.to)) continue;
        perRecipient.set(m.to, [...(perRecipient.get(m.to) ?? []), m]);
      }
      const lost = [...expected].filter((e) => !perRecipient.has(e));
      const duplicated = [...perRecipient.values()].filter((copies) => copies.length > 1);
      const nearestKill = (t: number) => Math.min(...kills.map((k) => Math.abs(k - t)));
      const gaps = duplicated.map((copies) => nearestKill(copies[0]!.acceptedAt));
      // `unconfirmed`: the sender died after the final "." (the commit point) — the server must hold it.
      const unconfirmed = await db.query<{ recipient_email: string }>(
        `SELECT recipient_email FROM deliveries WHERE status = 'unconfirmed'`,
      );
      const unconfirmedNotAtServer = unconfirmed
        .map((r) => r.recipient_email)
        .filter((e) => !perRecipient.has(e));
      // The window itself, measured on every delivery: SMTP 250 at the server → `sent` row in Postgres.
      const sentAt = new Map(
        (
          await db.query<{ id: string; ms: string }>(
            `SELECT id, (extract(epoch FROM sent_at) * 1000)::bigint::text AS ms FROM deliveries`,
          )
        ).map((r) => [r.id, Number(r.ms)]),
      );
      const windows = [...perRecipient.values()]
        .map((copies) => copies[copies.length - 1]!)
        .map((m) => (sentAt.get(m.deliveryId) ?? NaN) - m.acceptedAt)
        .filter((w) => Number.isFinite(w))
        .sort((a, b) => a - b);
      const pct = (p: number) =>
        windows[Math.min(windows.length - 1, Math.floor((p / 100) * windows.length))];
      const lateness = await db.query<{ p50: number; p99: number; max: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - r.fire_at)) AS p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - r.fire_at)) AS p99,
              max(extract(epoch FROM sent_at - r.fire_at)) AS max
         FROM deliveries dl JOIN scheduled_reminders r ON r.deadline_id = dl.deadline_id AND r.threshold = dl.threshold`,
      );
      const report = {
        deadlines: DEADLINES,
        sigkills: kills.length,
        sigkillsWhileSending: killsWhileSending,
        flushalls: flushes.length,
        flushallsWithQueuedJobs: flushesWithQueuedJobs,
        deliveriesInPostgres: state.deliveries,
        sentInPostgres: state.sent,
        unconfirmedInPostgres: state.unconfirmed,
        unconfirmedNotAtServer: unconfirmedNotAtServer.length,
        emailsAtSmtp: smtp.received.length,
        distinctRecipients: perRecipient.size,
        lost: lost.length,
        duplicates: duplicated.length,
        duplicateDistanceToKillMs: gaps,
        windowMs: { p50: pct(50), p99: pct(99), max: windows[windows.length - 1] },
        abandonedAtSmtp: smtp.dropped,
        settledAfterChaosS: Math.round(settledMs / 100) / 10,
        totalS: Math.round((Date.now() - started) / 100) / 10,
        lateness: lateness[0],
      };
      console.info(`chaos report: ${JSON.stringify(report)}`);
      if (duplicated.length > 0) {
        const rel = (t: number) => ((t - t0) / 1000).toFixed(3);
        workers.forEach((w, i) =>
          writeFileSync(path.join(tmpdir(), `doorbraak-chaos-worker-${i}.log`), w.output()),
        );
        console.info(`kills at ${kills.map(rel).join(', ')}; flushes at ${flushes.map(rel).join(', ')}`);
        for (const copies of duplicated) {
          const [row] = await db.query(
            `SELECT id, status, attempts, last_error, created_at, enqueued_at, sent_at FROM deliveries WHERE recipient_email = $1`,
            [copies[0]!.to],
          );
          console.info(
            `duplicate ${copies[0]!.to}: ${copies.map((c) => `${rel(c.acceptedAt)} s (session ${c.session}, port ${c.clientPort})`).join(' and ')}; row ${JSON.stringify(row)}`,
          );
        }
      }

      // The chaos really hit the pipeline: kills while sending, Redis wiped under queued jobs.
      expect(killsWhileSending, 'SIGKILLs while the worker was sending').toBeGreaterThanOrEqual(KILLS - 1);
      expect(flushesWithQueuedJobs, 'FLUSHALLs while jobs were queued').toBeGreaterThanOrEqual(1);
      // None lost, and Postgres agrees: every delivery sent (or unconfirmed: its "." went out).
      expect(lost, 'lost reminders').toEqual([]);
      expect(state.deliveries).toBe(DEADLINES);
      expect(state.sent + state.unconfirmed).toBe(DEADLINES);
      expect(unconfirmedNotAtServer, 'unconfirmed deliveries the SMTP server does not hold').toEqual([]);
      // None doubled: the final "." of DATA goes out only after a `committing` row is durable, and
      // a `committing` row is never sent again (OutboxService.send).
      expect(
        duplicated.map((copies) => copies[0]!.to),
        'reminders the SMTP server holds more than once',
      ).toEqual([]);
    }, 260_000);
  },
);

describe.skipIf(!!SERVER_URL)('chaos', () => {
  it.skip(SKIP_REASON, () => undefined);
});
