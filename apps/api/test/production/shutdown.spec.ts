import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  assertBuilt,
  deleteRedisKeys,
  freePort,
  migrate,
  productionEnv,
  type Scratch,
  scratchDatabase,
  SERVER_URL,
  SKIP_REASON,
  type SmtpSink,
  sleep,
  spawnApp,
  startSmtpSink,
  waitFor,
} from './support';

/** Pending deliveries straight into the outbox (what the sweeper writes), one recipient each. */
async function pendingDeliveries(db: Scratch, label: string, n: number): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `${label}-${i}@shutdown.example`);
  await db.query(
    `INSERT INTO deliveries (dedupe_key, kind, threshold, recipient_email, language, reason, payload, urgent, status)
     SELECT 'test:' || e, 'reminder', 'breach', e, 'nl', 'Test van het stoppen.',
            '{"caseReference": "DB-TEST", "projectName": "Stoppen"}'::jsonb, true, 'pending'
       FROM unnest($1::text[]) AS e`,
    [emails],
  );
  return emails;
}

function countBy(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

describe.skipIf(!SERVER_URL)('graceful shutdown (SIGTERM) of the built app', () => {
  let db: Scratch;
  let smtp: SmtpSink;
  const prefix = `prod-stop-${randomBytes(3).toString('hex')}`;
  const running: AppProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    db = await scratchDatabase('shutdown');
    smtp = await startSmtpSink();
    const m = await migrate(db.url, { NODE_ENV: 'production' });
    expect(m.code, m.output).toBe(0);
  });
  afterAll(async () => {
    for (const p of running) p.signal('SIGKILL');
    await smtp?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  async function startWorker(extra: Record<string, string> = {}): Promise<AppProcess> {
    const worker = await spawnApp(
      'worker',
      productionEnv({
        databaseUrl: db.url,
        smtpUrl: smtp.url,
        prefix,
        healthPort: await freePort(),
        extra: { SWEEP_INTERVAL_SECONDS: '1', ...extra },
      }),
    );
    running.push(worker);
    return worker;
  }

  it('the api finishes an in-flight request after SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const api = await spawnApp(
      'api',
      productionEnv({ databaseUrl: db.url, smtpUrl: smtp.url, prefix, port, extra: { DEMO_DATA: 'true' } }),
    );
    running.push(api);
    // A login whose body arrives slowly: the request is in flight when SIGTERM comes.
    const body = JSON.stringify({ email: 'admin@demo.doorbraak.nl', password: 'Doorbraak-demo-2026' });
    let push!: (chunk: string | null) => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => (chunk === null ? controller.close() : controller.enqueue(Buffer.from(chunk)));
      },
    });
    const response = fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body: stream,
      duplex: 'half',
    });
    push(body.slice(0, 10));
    await sleep(300);
    api.signal('SIGTERM');
    await sleep(700);
    // New connections are refused while it drains.
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    push(body.slice(10));
    push(null);
    const r = await response;
    expect(r.status).toBe(200);
    expect(await api.exited).toBe(0);
  });

  it('the worker finishes the emails it is sending, exits 0; after a restart every delivery is sent once', async () => {
    // More than the worker sends at once (64), so some are still waiting when SIGTERM comes.
    const emails = await pendingDeliveries(db, 'graceful', 100);
    smtp.setDelay(1_500);
    const worker = await startWorker({ SHUTDOWN_GRACE_SECONDS: '20' });
    await waitFor(() => smtp.inFlight() >= 4, 20_000, 'emails in the middle of sending');
    const stopAt = Date.now();
    worker.signal('SIGTERM');
    expect(await worker.exited).toBe(0);
    const stopMs = Date.now() - stopAt;
    expect(stopMs).toBeLessThan(20_000);
    expect(worker.output()).toMatch(/Gestopt in \d+ ms/);

    // Nothing was cut off: every message the worker had started was accepted, and Postgres knows it.
    expect(smtp.dropped).toBe(0);
    const before = smtp.received.filter((m) => emails.includes(m.to));
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(emails.length);
    const sending = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE status = 'sending' AND recipient_email = ANY($1)`,
      [emails],
    );
    expect(sending[0]!.n).toBe(0);
    const sent = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE status = 'sent' AND recipient_email = ANY($1)`,
      [emails],
    );
    expect(sent[0]!.n).toBe(before.length);

    smtp.setDelay(0);
    const again = await startWorker();
    await waitFor(
      () => smtp.received.filter((m) => emails.includes(m.to)).length >= emails.length,
      30_000,
      'the rest of the emails after the restart',
    );
    await sleep(1_500);
    const counts = countBy(smtp.received.filter((m) => emails.includes(m.to)).map((m) => m.to));
    expect(counts.size).toBe(emails.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    again.signal('SIGTERM');
    expect(await again.exited).toBe(0);
    console.info(
      `graceful stop: ${before.length} emails in flight finished; stopped in ${stopMs} ms; ${emails.length} sent once each after the restart`,
    );
  });

  it('a job cut off by the shutdown deadline is picked up again (stalled-job recovery), sent once', async () => {
    const emails = await pendingDeliveries(db, 'cutoff', 6);
    smtp.setRcptDelay(60_000);
    const worker = await startWorker({ SHUTDOWN_GRACE_SECONDS: '1' });
    await waitFor(() => smtp.rcptWaiting() >= 6, 20_000, 'emails in the middle of sending');
    worker.signal('SIGTERM');
    // The SMTP server is far too slow: the deadline passes and the process exits 1, mid-send,
    // before any final "." was written — the server holds nothing of them.
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain('afgebroken');
    smtp.setRcptDelay(0);
    const stuck = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deliveries WHERE status = 'sending' AND recipient_email = ANY($1)`,
      [emails],
    );
    expect(stuck[0]!.n).toBe(6);

    smtp.setDelay(0);
    const started = Date.now();
    const again = await startWorker();
    // BullMQ notices the dead worker's jobs when their locks expire (lockDuration 30 s).
    await waitFor(
      () => smtp.received.filter((m) => emails.includes(m.to)).length >= emails.length,
      100_000,
      'the cut-off emails after the restart',
    );
    const recoveredMs = Date.now() - started;
    await sleep(1_000);
    const counts = countBy(smtp.received.filter((m) => emails.includes(m.to)).map((m) => m.to));
    expect(counts.size).toBe(emails.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    again.signal('SIGTERM');
    expect(await again.exited).toBe(0);
    console.info(`cut-off jobs recovered ${recoveredMs} ms after the restart`);
  }, 200_000);

  it('a send cut off after its final "." (no reply yet) is unconfirmed: taken as delivered, never sent again', async () => {
    const emails = await pendingDeliveries(db, 'afterdot', 3);
    smtp.setDelay(60_000);
    const worker = await startWorker({ SHUTDOWN_GRACE_SECONDS: '1' });
    await waitFor(() => smtp.inFlight() >= 3, 20_000, 'emails waiting for their 250');
    worker.signal('SIGTERM');
    expect(await worker.exited).toBe(1);
    const rowsIn = async (status: string) =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM deliveries WHERE status = $1 AND recipient_email = ANY($2)`,
          [status, emails],
        )
      )[0]!.n;
    expect(await rowsIn('committing')).toBe(3);

    smtp.setDelay(0);
    const again = await startWorker();
    // The stalled-job check hands the jobs back; a `committing` row had its "." written, so it
    // becomes `unconfirmed` (listed for admins) and is not sent again (docs/adr/0005).
    await waitFor(async () => (await rowsIn('unconfirmed')) === 3 || undefined, 100_000, 'unconfirmed rows');
    await sleep(1_000);
    // This sink drops a message whose 250 never reached the client, so these three are lost
    // here; a server that took the "." usually delivers it anyway (RFC 1047), and resending
    // would then double it. The trade-off is the ADR's; what the test pins is "never twice".
    expect(smtp.received.filter((m) => emails.includes(m.to))).toHaveLength(0);
    again.signal('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 200_000);
});

describe.skipIf(!!SERVER_URL)('graceful shutdown', () => {
  it.skip(SKIP_REASON, () => undefined);
});
