import { randomBytes } from 'node:crypto';
import { addDays, type CaseDetail, localDate } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from '../factories';
import {
  type AppProcess,
  assertBuilt,
  deleteRedisKeys,
  freePort,
  HttpAgent,
  migrate,
  productionEnv,
  type Scratch,
  scratchDatabase,
  SERVER_URL,
  SKIP_REASON,
  type SmtpSink,
  spawnApp,
  startSmtpSink,
  waitFor,
} from './support';

const METRICS_TOKEN = 'metrics-token-for-the-smoke-test';

describe.skipIf(!SERVER_URL)(`production smoke: migrate, then api and worker as separate processes`, () => {
  let db: Scratch;
  let smtp: SmtpSink;
  let api: AppProcess;
  let worker: AppProcess;
  let base: string;
  let healthBase: string;
  let apiPort: number;
  const prefix = `prod-smoke-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    assertBuilt();
    db = await scratchDatabase('smoke');
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    api?.signal('SIGKILL');
    worker?.signal('SIGKILL');
    await smtp?.close();
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('refuses to start in production on embedded defaults, listing what is missing', async () => {
    const refused = await spawnApp('api', { NODE_ENV: 'production' }, { waitReady: false });
    expect(await refused.exited).not.toBe(0);
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL'])
      expect(refused.output()).toContain(key);
    // The migration job needs only the database.
    const migrateRefused = await migrate(undefined, { NODE_ENV: 'production' });
    expect(migrateRefused.code).toBe(1);
    expect(migrateRefused.output).toContain('DATABASE_URL');
    expect(migrateRefused.output).not.toContain('SMTP_URL');
  });

  it('migrates and exits 0; a second run has nothing to do; an unreachable database exits 1', async () => {
    const first = await migrate(db.url, { NODE_ENV: 'production' });
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/[1-9]\d* applied/);
    const second = await migrate(db.url, { NODE_ENV: 'production' });
    expect(second.code).toBe(0);
    expect(second.output).toContain('0 applied');
    const broken = await migrate('postgres://postgres@127.0.0.1:1/nothing', { NODE_ENV: 'production' });
    expect(broken.code).toBe(1);
  });

  it('starts the api (HTTP only) and the worker (queues, health port only)', async () => {
    apiPort = await freePort();
    const healthPort = await freePort();
    const workerApiPort = await freePort();
    const common = { databaseUrl: db.url, smtpUrl: smtp.url, prefix };
    [api, worker] = await Promise.all([
      spawnApp(
        'api',
        productionEnv({ ...common, port: apiPort, extra: { DEMO_DATA: 'true', METRICS_TOKEN } }),
      ),
      spawnApp(
        'worker',
        productionEnv({
          ...common,
          port: workerApiPort,
          healthPort,
          extra: { SWEEP_INTERVAL_SECONDS: '1', METRICS_TOKEN },
        }),
      ),
    ]);
    base = `http://127.0.0.1:${apiPort}`;
    healthBase = `http://127.0.0.1:${healthPort}`;

    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      info: {
        database: { status: 'up' },
        redis: { status: 'up' },
        queues: {
          status: 'up',
          mail: { waiting: expect.any(Number), active: expect.any(Number), failed: expect.any(Number) },
          maintenance: {
            waiting: expect.any(Number),
            active: expect.any(Number),
            failed: expect.any(Number),
          },
        },
      },
    });
    expect((await fetch(`${healthBase}/health`)).status).toBe(200);
    const workerReady = await fetch(`${healthBase}/health/ready`);
    expect(workerReady.status).toBe(200);
    expect(await workerReady.json()).toMatchObject({ info: { queues: { status: 'up' } } });
    // The worker serves no API: nothing listens on its PORT.
    await expect(fetch(`http://127.0.0.1:${workerApiPort}/api/health`)).rejects.toThrow();
  });

  it('a case, an overdue assignment, and the reminder reaches the SMTP server through the worker', async () => {
    const municipality = await HttpAgent.login(base, 'gemeente.barendrecht@demo.doorbraak.nl');
    const coordinator = await HttpAgent.login(base, 'coordinator.zh@demo.doorbraak.nl');
    const created = await municipality.json<CaseDetail>('POST', '/api/cases', caseInput());
    expect(created.reference).toBeTruthy();
    await db.query(`UPDATE cases SET created_at = now() - interval '30 days' WHERE id = $1`, [created.id]);
    await coordinator.json('POST', `/api/cases/${created.id}/transitions`, { to: 'accepted' });
    await coordinator.json('POST', `/api/cases/${created.id}/transitions`, { to: 'in_progress' });
    const [org] = await db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE name = 'Provincie Zuid-Holland'`,
    );
    const contact = `smoke-${randomBytes(3).toString('hex')}@pzh.example`;
    const assignment = await coordinator.request('POST', `/api/cases/${created.id}/assignments`, {
      organisationId: org!.id,
      role: 'lead',
      requestedAction: 'Beoordeel de vergunning.',
      contacts: [{ email: contact }],
      dueDate: addDays(localDate(new Date()), -2),
    });
    expect(assignment.status).toBe(201);

    const mail = await waitFor(
      () => smtp.received.find((m) => m.to === contact),
      30_000,
      'the reminder email at the SMTP server',
    );
    expect(mail.subject).toContain(created.reference);
    expect(mail.messageId).toMatch(/^<delivery-[0-9a-f-]+@127\.0\.0\.1>$/);
    // The SMTP server holds the message from its final "."; the worker records `sent` when the
    // 250 reaches it, a moment later (committing → sent).
    const status = await waitFor(
      async () => {
        const [delivery] = await db.query<{ status: string }>(
          `SELECT status FROM deliveries WHERE recipient_email = $1`,
          [contact],
        );
        return delivery?.status === 'sent' && delivery.status;
      },
      10_000,
      'the delivery recorded as sent',
    );
    expect(status).toBe('sent');

    // The worker sent it, the api did not (it runs no workers); the sweeper saw the reminder's lateness.
    const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
    const workerMetrics = await (await fetch(`${healthBase}/metrics`, { headers: auth })).text();
    expect(workerMetrics).toMatch(/^doorbraak_deliveries_sent_total\{[^}]*\} [1-9]/m);
    expect(workerMetrics).toMatch(/^doorbraak_reminder_lateness_seconds_count\{[^}]*\} [1-9]/m);
    const apiMetrics = await (await fetch(`${base}/api/metrics`, { headers: auth })).text();
    expect(apiMetrics).toMatch(/^doorbraak_deliveries_sent_total\{[^}]*\} 0$/m);
    expect(apiMetrics).toContain('route="/api/cases/:id/assignments",method="POST",status_code="201"');
    expect(apiMetrics).toMatch(/^doorbraak_queue_jobs\{[^}]*queue="mail",state="waiting"[^}]*\} \d+/m);
  });

  it('protects the metrics and Bull Board', async () => {
    // From loopback without a proxy header: allowed. Through a proxy or with a wrong token: refused.
    expect((await fetch(`${base}/api/metrics`)).status).toBe(200);
    const proxied = { 'x-forwarded-for': '203.0.113.7' };
    expect((await fetch(`${base}/api/metrics`, { headers: proxied })).status).toBe(403);
    expect(
      (
        await fetch(`${base}/api/metrics`, {
          headers: { ...proxied, authorization: 'Bearer wrong-token-wrong' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${base}/api/metrics`, {
          headers: { ...proxied, authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).status,
    ).toBe(200);
    expect((await fetch(`${healthBase}/metrics`, { headers: proxied })).status).toBe(403);

    expect((await fetch(`${base}/api/admin/queues`)).status).toBe(404);
    const municipality = await HttpAgent.login(base, 'gemeente.assen@demo.doorbraak.nl');
    expect((await municipality.request('GET', '/api/admin/queues')).status).toBe(404);
    const admin = await HttpAgent.login(base, 'admin@demo.doorbraak.nl');
    const board = await admin.request('GET', '/api/admin/queues');
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<base href="/api/admin/queues/"');
    const queues = await admin.json<{ queues: { name: string }[] }>('GET', '/api/admin/queues/api/queues');
    expect(queues.queues.map((q) => q.name).sort()).toEqual(['mail', 'maintenance']);
    const crossSite = await admin.request(
      'PUT',
      '/api/admin/queues/api/queues/mail/clean/failed',
      undefined,
      {
        origin: 'https://evil.example',
      },
    );
    expect(crossSite.status).toBe(403);
  });

  it('stops both on SIGTERM with exit code 0', async () => {
    api.signal('SIGTERM');
    worker.signal('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/Gestopt in \d+ ms/);
  });
});

describe.skipIf(!!SERVER_URL)('production smoke', () => {
  it.skip(SKIP_REASON, () => undefined);
});
