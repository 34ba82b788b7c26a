import { spawn } from 'node:child_process';
import { addDays, type CaseDetail, type Deadline, localDate } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailerService, MailSendError } from '../src/modules/mail/mailer.service';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import type { MailboxMessage } from '../src/runtime/embedded-smtp';
import { caseInput } from './factories';
import { type SmtpSink, startSmtpSink } from './production/support';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const DAY = 86_400_000;

describe('deadlines and reminders: Postgres is the truth, BullMQ moves the work', () => {
  let t: TestApp;
  let outbox: OutboxService;
  let coordinator: Agent;
  let admin: Agent;
  const mail = (to: string): MailboxMessage[] =>
    (t.runtime.mailbox?.list() ?? []).filter((m) => m.to.includes(to));

  beforeAll(async () => {
    t = await startTestApp();
    outbox = t.app.get(OutboxService);
    coordinator = await t.login(DEMO.coordinatorZh);
    admin = await t.login(DEMO.admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A case of Barendrecht created `ageDays` ago, accepted and in progress. */
  async function caseInProgress(ageDays = 30): Promise<CaseDetail> {
    const municipality = await t.login(DEMO.barendrecht);
    const c = (await municipality.post('/api/cases', caseInput())).json<CaseDetail>();
    // Let the case have existed for a while, so due dates in the past are allowed.
    await t.db.query(`UPDATE cases SET created_at = now() - ($2 || ' days')::interval WHERE id = $1`, [
      c.id,
      String(ageDays),
    ]);
    await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'accepted' });
    await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress' });
    return c;
  }

  async function assign(caseId: string, contact: string, dueDate?: string) {
    const org: { id: string }[] = await t.db.query(
      `SELECT id FROM organisations WHERE name = 'Provincie Zuid-Holland'`,
    );
    const r = await coordinator.post(`/api/cases/${caseId}/assignments`, {
      organisationId: org[0]!.id,
      role: 'lead',
      requestedAction: 'Beoordeel de vergunning.',
      contacts: [{ email: contact }],
      ...(dueDate ? { dueDate } : {}),
    });
    expect(r.statusCode).toBe(201);
    const detail = (await coordinator.get(`/api/cases/${caseId}`)).json<CaseDetail>();
    return {
      assignment: r.json<{ id: string }>(),
      deadline: detail.deadlines.find((d) => d.kind === 'assignment') as Deadline,
    };
  }

  it('starts a triage clock on submission and stops it when the table accepts', async () => {
    const municipality = await t.login(DEMO.barendrecht);
    const c = (await municipality.post('/api/cases', caseInput())).json<CaseDetail>();
    expect(c.deadlines).toEqual([
      expect.objectContaining({ kind: 'triage', state: 'running', budgetWorkingDays: 5 }),
    ]);
    const accepted = (
      await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'accepted' })
    ).json<CaseDetail>();
    expect(accepted.deadlines[0]).toMatchObject({ kind: 'triage', state: 'met' });
  });

  it('an assignment due in the past produces the breach reminder within one sweep, once', async () => {
    const c = await caseInProgress();
    const dueDate = addDays(localDate(new Date()), -2);
    const { deadline } = await assign(c.id, 'vergunningen@pzh.example', dueDate);
    expect(deadline).toMatchObject({ state: 'breached', dueDate });

    const first = await outbox.sweep();
    expect(first.deliveries).toBeGreaterThanOrEqual(1);
    const rows: { threshold: string }[] = await t.db.query(
      `SELECT threshold FROM deliveries WHERE deadline_id = $1 AND recipient_email = 'vergunningen@pzh.example'`,
      [deadline.id],
    );
    expect(rows.map((r) => r.threshold)).toEqual(['breach']);
    await outbox.relay();
    const email = await waitFor(() => mail('vergunningen@pzh.example')[0]);
    expect(email.subject).toContain(c.reference);
    expect(email.subject).toContain('De termijn is verstreken');
    expect(email.text).toContain('Waarom krijgt u deze e-mail?');
    expect(email.headers['list-unsubscribe']).toMatch(/^<http.*\/profiel>$/);
    expect(email.headers.references).toBe(`<case-${c.id}@localhost>`);
    expect(email.messageId).toMatch(/^<delivery-[0-9a-f-]+@localhost>$/);

    // A second sweep and relay change nothing; resending the same delivery is skipped.
    expect((await outbox.sweep()).deliveries).toBe(0);
    await outbox.relay();
    const sent: { id: string }[] = await t.db.query(`SELECT id FROM deliveries WHERE deadline_id = $1`, [
      deadline.id,
    ]);
    expect(await outbox.send(sent[0]!.id)).toBe('skipped');
    await new Promise((r) => setTimeout(r, 500));
    expect(mail('vergunningen@pzh.example')).toHaveLength(1);
  });

  it('moving a due date makes the old reminders obsolete and the new ones fire', async () => {
    const c = await caseInProgress();
    const { assignment, deadline } = await assign(
      c.id,
      'planning@pzh.example',
      addDays(localDate(new Date()), 40),
    );
    const before: { threshold: string; deadline_version: number }[] = await t.db.query(
      `SELECT threshold, deadline_version FROM scheduled_reminders WHERE deadline_id = $1 AND status = 'pending' ORDER BY fire_at`,
      [deadline.id],
    );
    expect(before.map((r) => r.threshold)).toEqual([
      'before:3',
      'before:1',
      'breach',
      'after:5',
      'after:10',
      'propose_escalation',
      'after:15',
    ]);

    const moved = await coordinator.request({
      method: 'PATCH',
      url: `/api/cases/${c.id}/assignments/${assignment.id}`,
      payload: { dueDate: addDays(localDate(new Date()), -1) },
    });
    expect(moved.statusCode).toBe(200);
    const obsolete: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM scheduled_reminders WHERE deadline_id = $1 AND status = 'obsolete' AND deadline_version = $2`,
      [deadline.id, before[0]!.deadline_version],
    );
    expect(obsolete[0]!.n).toBe(7);
    await outbox.sweep();
    const delivered: { threshold: string }[] = await t.db.query(
      `SELECT threshold FROM deliveries WHERE deadline_id = $1 AND recipient_email = 'planning@pzh.example'`,
      [deadline.id],
    );
    expect(delivered.map((d) => d.threshold)).toEqual(['breach']);
  });

  it('a paused clock stops nagging; resume plans again; pause rules answer 409', async () => {
    const c = await caseInProgress();
    const { deadline } = await assign(c.id, 'pauze@pzh.example', addDays(localDate(new Date()), 20));
    const path = `/api/cases/${c.id}/deadlines/${deadline.id}`;
    expect((await coordinator.post(`${path}/resume`)).statusCode).toBe(409);
    expect((await coordinator.post(`${path}/pause`, { reason: 'x', maxWorkingDays: 5 })).statusCode).toBe(
      400,
    );
    expect(
      (
        await coordinator.post(`${path}/pause`, {
          reason: 'Wacht op stikstofvergunning',
          maxWorkingDays: 500,
        })
      ).statusCode,
    ).toBe(400);
    const paused = await coordinator.post(`${path}/pause`, {
      reason: 'Wacht op stikstofvergunning',
      maxWorkingDays: 20,
    });
    expect(paused.statusCode).toBe(200);
    expect(paused.json<Deadline>()).toMatchObject({
      state: 'paused',
      dueDate: null,
      pause: { reason: 'Wacht op stikstofvergunning' },
    });
    expect(
      (await coordinator.post(`${path}/pause`, { reason: 'Nog eens', maxWorkingDays: 5 })).json().type,
    ).toMatch(/already-paused$/);
    const pending: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM scheduled_reminders WHERE deadline_id = $1 AND status = 'pending'`,
      [deadline.id],
    );
    expect(pending[0]!.n).toBe(0);
    await outbox.sweep(new Date(Date.now() + 90 * DAY));
    const none: unknown[] = await t.db.query(`SELECT 1 FROM deliveries WHERE deadline_id = $1`, [
      deadline.id,
    ]);
    expect(none).toHaveLength(0);

    const resumed = await coordinator.post(`${path}/resume`);
    expect(resumed.json<Deadline>()).toMatchObject({ state: 'running' });
    const extended = await coordinator.post(`${path}/extend`, {
      workingDays: 5,
      reason: 'Extra overleg nodig',
    });
    expect(extended.json<Deadline>().extensionWorkingDays).toBe(5);
    const over = await coordinator.post(`${path}/extend`, { workingDays: 60, reason: 'Veel te lang' });
    expect(over.statusCode).toBe(409);
    expect(over.json().type).toMatch(/extension-over-cap$/);
    // Parties and other municipalities cannot touch the clock.
    const assen = await t.login(DEMO.assen);
    expect((await assen.post(`${path}/resume`)).statusCode).toBe(404);
    const events = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{ items: { type: string }[] }>()
      .items;
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['deadline.paused', 'deadline.resumed', 'deadline.extended']),
    );
  });

  it('groups a day’s non-urgent reminders into one digest email per person', async () => {
    await t.db.query(`UPDATE users SET notification_mode = 'digest' WHERE email = $1`, [DEMO.coordinatorZh]);
    // Two triage clocks of cases submitted three working days ago: their T−1 reminder (non-urgent) is due.
    const municipality = await t.login(DEMO.barendrecht);
    const ids: string[] = [];
    for (let i = 0; i < 2; i += 1)
      ids.push((await municipality.post('/api/cases', caseInput())).json<CaseDetail>().id);
    const now = new Date(Date.now() + 0);
    const deadlines: { id: string; due_at: Date }[] = await t.db.query(
      `SELECT id, due_at FROM deadlines WHERE case_id = ANY($1::uuid[]) AND kind = 'triage'`,
      [ids],
    );
    // Sweep at the moment the T−1 reminder fires (08:00 on the working day before the due date).
    const fireAt: { fire_at: Date }[] = await t.db.query(
      `SELECT max(fire_at) AS fire_at FROM scheduled_reminders WHERE deadline_id = ANY($1::uuid[]) AND threshold = 'before:1' AND status = 'pending'`,
      [deadlines.map((d) => d.id)],
    );
    const at = new Date(new Date(fireAt[0]!.fire_at).getTime() + 1000);
    expect(at > now).toBe(true);
    await outbox.sweep(at);
    const ours: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE recipient_email = $1 AND status = 'digest' AND deadline_id = ANY($2::uuid[])`,
      [DEMO.coordinatorZh, deadlines.map((d) => d.id)],
    );
    expect(ours[0]!.n).toBe(2); // one per deadline: T−3 was superseded by T−1 in the same sweep
    const waiting: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE recipient_email = $1 AND status = 'digest'`,
      [DEMO.coordinatorZh],
    );
    expect(await outbox.digest(at)).toBeGreaterThanOrEqual(1);
    await outbox.relay(at);
    const digest = await waitFor(() =>
      mail(DEMO.coordinatorZh).find((m) => m.subject.includes('dagelijks overzicht')),
    );
    expect(digest.subject).toContain(`(${waiting[0]!.n})`);
    expect(digest.text.split('\n').filter((l) => l.startsWith('- ['))).toHaveLength(waiting[0]!.n);
    const refs: { reference: string }[] = await t.db.query(
      `SELECT reference FROM cases WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    for (const r of refs) expect(digest.text).toContain(r.reference);
    expect(mail(DEMO.coordinatorZh).filter((m) => m.subject.includes('dagelijks overzicht'))).toHaveLength(1);
    await t.db.query(`UPDATE users SET notification_mode = 'immediate' WHERE email = $1`, [
      DEMO.coordinatorZh,
    ]);
  });

  it('shows admins the outbox, including failed deliveries', async () => {
    await t.db.query(
      `INSERT INTO deliveries (dedupe_key, kind, recipient_email, reason, payload, status, attempts, last_error)
       VALUES ('test:failed', 'reminder', 'kapot@example.nl', 'test', '{}', 'failed', 5, 'SMTP 550 mailbox unavailable')`,
    );
    const failed = await admin.get('/api/admin/deliveries?status=failed');
    expect(failed.statusCode).toBe(200);
    expect(failed.json().items).toEqual([
      expect.objectContaining({
        recipientEmail: 'kapot@example.nl',
        attempts: 5,
        lastError: 'SMTP 550 mailbox unavailable',
      }),
    ]);
    expect((await coordinator.get('/api/admin/deliveries')).statusCode).toBe(403);
  });
});

/**
 * A process that speaks SMTP to `port`, streams a whole message inside DATA and then either
 * holds back the final "." (`dot` false) or writes it, says so on stdout and waits to be killed.
 */
function smtpClientProcess(port: number, dot: boolean) {
  const script = `
    const s = require('node:net').connect(${port}, '127.0.0.1');
    const steps = ['EHLO chaos\\r\\n', 'MAIL FROM:<a@doorbraak.example>\\r\\n', 'RCPT TO:<held@doorbraak.example>\\r\\n', 'DATA\\r\\n'];
    let buffer = '';
    s.on('data', (d) => {
      buffer += d.toString();
      if (/^354/m.test(buffer)) {
        buffer = '';
        s.write('Subject: held\\r\\nMessage-ID: <held@doorbraak.example>\\r\\n\\r\\nThe whole body.\\r\\n' + (${dot} ? '.\\r\\n' : ''),
          () => setTimeout(() => process.stdout.write('WRITTEN\\n'), 100));
      } else if (/^(220|250) /m.test(buffer) && steps.length > 0) {
        buffer = '';
        s.write(steps.shift());
      }
    });
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const written = new Promise<void>((resolve) =>
    child.stdout.on('data', (d: Buffer) => d.toString().includes('WRITTEN') && resolve()),
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { written, kill: () => child.kill('SIGKILL'), exited };
}

describe('exactly once: the final "." of SMTP DATA is the commit point', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let outbox: OutboxService;
  let mailer: MailerService;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const inbox = (to: string) => (t.runtime.mailbox?.list() ?? []).filter((m) => m.to.includes(to));

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp();
    outbox = t.app.get(OutboxService);
    mailer = t.app.get(MailerService);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('an SMTP server drops a DATA transfer whose sender is SIGKILLed before the final "."', async () => {
    const held = smtpClientProcess(sink.port, false);
    await held.written;
    held.kill();
    await held.exited;
    await sleep(300);
    expect(sink.received).toHaveLength(0);
    expect(sink.inFlight()).toBe(0);

    // The counter-check: the same sender killed right after the "." has delivered.
    const done = smtpClientProcess(sink.port, true);
    await done.written;
    done.kill();
    await done.exited;
    await waitFor(() => sink.received[0]);
    expect(sink.received.map((m) => m.messageId)).toEqual(['<held@doorbraak.example>']);
  });

  it('holds the "." until the commit point resolves; a failing commit point sends nothing', async () => {
    let duringCommit = -1;
    const order: string[] = [];
    await mailer.send(
      { to: 'twee-fasen@doorbraak.example', subject: 'Twee fasen', text: 'Inhoud\n.\nmet een punt' },
      async () => {
        await sleep(300);
        duringCommit = inbox('twee-fasen@doorbraak.example').length;
        return {
          commit: () => {
            order.push(`commit with ${inbox('twee-fasen@doorbraak.example').length} received`);
            return Promise.resolve();
          },
          rollback: () => Promise.resolve(),
        };
      },
    );
    expect(duringCommit).toBe(0);
    expect(order).toEqual(['commit with 0 received']);
    const got = await waitFor(() => inbox('twee-fasen@doorbraak.example')[0]);
    // A line with a lone "." in the body is content (dot-stuffed), not the end of DATA.
    expect(got.text).toContain('Inhoud\n.\nmet een punt');

    const abandoned = mailer.send(
      { to: 'afgebroken@doorbraak.example', subject: 'Afgebroken', text: 'Gaat niet weg' },
      () => Promise.reject(new Error('the claim was taken')),
    );
    await expect(abandoned).rejects.toMatchObject({ failure: 'abandoned' });
    await expect(abandoned).rejects.toBeInstanceOf(MailSendError);
    await sleep(500);
    expect(inbox('afgebroken@doorbraak.example')).toHaveLength(0);
    // The pool replaced the abandoned connection.
    await mailer.send({ to: 'daarna@doorbraak.example', subject: 'Daarna', text: 'Wel' });
    await waitFor(() => inbox('daarna@doorbraak.example')[0]);
  });

  async function delivery(
    email: string,
    status: string,
    enqueuedAgoMs: number,
    attempts = 1,
  ): Promise<string> {
    const created: { id: string }[] = await t.db.query(
      `INSERT INTO deliveries (dedupe_key, kind, recipient_email, reason, payload, status, attempts, enqueued_at)
       VALUES ($1, 'reminder', $1, 'test', $2, $3, $4, now() - ($5 || ' milliseconds')::interval) RETURNING id`,
      [
        email,
        JSON.stringify({ caseReference: 'DB-TEST', projectName: 'Twee fasen' }),
        status,
        attempts,
        String(enqueuedAgoMs),
      ],
    );
    return created[0]!.id;
  }
  const statusOf = async (id: string) =>
    (
      await t.db.query<{ status: string; attempts: number; last_error: string | null }[]>(
        `SELECT status, attempts, last_error FROM deliveries WHERE id = $1`,
        [id],
      )
    )[0]!;

  it('a delivery left `sending` by a dead sender is sent again; one left `committing` is never resent', async () => {
    // `sending`: the "." was never written, so the server holds nothing — safe to send again.
    const sending = await delivery('was-sending@doorbraak.example', 'sending', 3 * 60_000);
    // `committing`: the "." went out; the server took it. Taken as delivered: unconfirmed, for admins.
    const committing = await delivery('was-committing@doorbraak.example', 'committing', 3 * 60_000);
    // A recent `committing` may still be waiting for its 250: left alone.
    const recent = await delivery('just-committing@doorbraak.example', 'committing', 1_000);
    await outbox.relay();
    await waitFor(async () => ((await statusOf(sending)).status === 'sent' ? true : undefined));
    expect(await statusOf(sending)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await statusOf(committing)).toMatchObject({ status: 'unconfirmed' });
    expect(await statusOf(recent)).toMatchObject({ status: 'committing' });
    expect(await outbox.send(committing)).toBe('skipped');
    await sleep(300);
    expect(inbox('was-sending@doorbraak.example')).toHaveLength(1);
    expect(inbox('was-committing@doorbraak.example')).toHaveLength(0);
    const admin = await t.login(DEMO.admin);
    const listed = (await admin.get('/api/admin/deliveries?status=unconfirmed')).json<{
      items: { recipientEmail: string }[];
    }>().items;
    expect(listed.map((d) => d.recipientEmail)).toContain('was-committing@doorbraak.example');
  });

  it('a run whose claim was taken over cannot send: its commit point finds another claim token', async () => {
    const id = await delivery('overgenomen@doorbraak.example', 'queued', 0, 0);
    const original = mailer.send.bind(mailer);
    // The slow run: between its claim and its commit point another run claims the delivery
    // (the relay's re-queue after a lost Redis, or BullMQ's stalled check).
    mailer.send = async (email, commit) =>
      original(email, async () => {
        await t.db.query(`UPDATE deliveries SET status = 'sending', attempts = attempts + 1 WHERE id = $1`, [
          id,
        ]);
        return commit!();
      });
    try {
      expect(await outbox.send(id)).toBe('skipped');
    } finally {
      mailer.send = original;
    }
    await sleep(500);
    expect(inbox('overgenomen@doorbraak.example')).toHaveLength(0);
    expect(await statusOf(id)).toMatchObject({ status: 'sending', attempts: 2 });
  });
});
