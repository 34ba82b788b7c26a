import { PROBLEM_TYPES } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import type { MailboxMessage } from '../src/runtime/embedded-smtp';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

describe('resending an unconfirmed or failed email (POST /api/admin/deliveries/{id}/resend)', () => {
  let t: TestApp;
  let outbox: OutboxService;
  let admin: Agent;
  const inbox = (to: string): MailboxMessage[] =>
    (t.runtime.mailbox?.list() ?? []).filter((m) => m.to.includes(to));

  beforeAll(async () => {
    t = await startTestApp();
    outbox = t.app.get(OutboxService);
    admin = await t.login(DEMO.admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function delivery(
    email: string,
    status: string,
    extra: { enqueuedAgoMs?: number; attempts?: number } = {},
  ) {
    const created: { id: string }[] = await t.db.query(
      `INSERT INTO deliveries (dedupe_key, kind, recipient_email, reason, payload, status, attempts, last_error, enqueued_at)
       VALUES ($1, 'reminder', $1, 'U bent contactpersoon.', $2, $3, $4, $5, now() - ($6 || ' milliseconds')::interval)
       RETURNING id`,
      [
        email,
        JSON.stringify({ caseReference: 'DB-RESEND', projectName: 'Opnieuw versturen' }),
        status,
        extra.attempts ?? 1,
        status === 'failed' ? 'SMTP 550 mailbox unavailable' : null,
        String(extra.enqueuedAgoMs ?? 0),
      ],
    );
    return created[0]!.id;
  }
  const row = async (id: string) =>
    (
      await t.db.query<{ status: string; attempts: number; last_error: string | null }[]>(
        `SELECT status, attempts, last_error FROM deliveries WHERE id = $1`,
        [id],
      )
    )[0]!;

  it('an admin resends an unconfirmed delivery: queued through the outbox, sent once, recorded in the audit log', async () => {
    // A sender that died between the final "." and the reply: the relay marks it unconfirmed.
    const id = await delivery('onbevestigd@partij.example', 'committing', { enqueuedAgoMs: 3 * 60_000 });
    await outbox.relay();
    expect(await row(id)).toMatchObject({ status: 'unconfirmed' });
    const listed = (await admin.get('/api/admin/deliveries?status=unconfirmed')).json<{
      items: { id: string; status: string }[];
    }>().items;
    expect(listed).toContainEqual(expect.objectContaining({ id, status: 'unconfirmed' }));

    const response = await admin.post(`/api/admin/deliveries/${id}/resend`);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ id, status: 'queued', lastError: null });

    // The worker's sender claims it like any other delivery and sends it.
    await waitFor(async () => ((await row(id)).status === 'sent' ? true : undefined));
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
    const sent = await waitFor(() => inbox('onbevestigd@partij.example')[0]);
    // The same Message-ID as the first attempt: a mail client that got that one sees the same email.
    expect(sent.messageId).toBe(`<delivery-${id}@localhost>`);
    expect(sent.subject).toContain('DB-RESEND');

    const audit = await t.db.query<
      { type: string; actor_user_id: string; target_id: string; data: unknown }[]
    >(
      `SELECT a.type, a.actor_user_id, a.target_id, a.data FROM audit_log a WHERE a.target_type = 'delivery' AND a.target_id = $1`,
      [id],
    );
    const adminUser = await t.db.query<{ id: string }[]>(`SELECT id FROM users WHERE email = $1`, [
      DEMO.admin,
    ]);
    expect(audit).toEqual([
      expect.objectContaining({
        type: 'admin.delivery.resent',
        actor_user_id: adminUser[0]!.id,
        data: expect.objectContaining({
          before: expect.objectContaining({ status: 'unconfirmed' }),
          after: { status: 'queued' },
        }),
      }),
    ]);

    // Sent now: not resendable again (409), and nothing more goes out.
    const again = await admin.post(`/api/admin/deliveries/${id}/resend`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({
      type: `${PROBLEM_TYPES.conflict}/delivery-not-resendable`,
      status: 409,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox('onbevestigd@partij.example')).toHaveLength(1);
  });

  it('an admin resends a failed delivery; pending, queued and sent ones are refused with 409', async () => {
    const failed = await delivery('mislukt@partij.example', 'failed', { attempts: 5 });
    const response = await admin.post(`/api/admin/deliveries/${failed}/resend`);
    expect(response.statusCode, response.body).toBe(202);
    await waitFor(async () => ((await row(failed)).status === 'sent' ? true : undefined));
    expect(inbox('mislukt@partij.example')).toHaveLength(1);

    for (const status of ['pending', 'queued', 'sending', 'committing', 'sent', 'digest']) {
      const id = await delivery(`status-${status}@partij.example`, status, { enqueuedAgoMs: 0 });
      const refused = await admin.post(`/api/admin/deliveries/${id}/resend`);
      expect(refused.statusCode, status).toBe(409);
      // (pending and queued may move on meanwhile: the worker's relay and sender run in this app)
      const audited = await t.db.query<unknown[]>(
        `SELECT 1 FROM audit_log WHERE target_type = 'delivery' AND target_id = $1`,
        [id],
      );
      expect(audited).toHaveLength(0);
    }
  });

  it('an unknown delivery is a problem+json 404', async () => {
    for (const id of ['5d0c8a34-0c1e-4c55-9a38-3c8c2b6f4d11', 'geen-uuid']) {
      const response = await admin.post(`/api/admin/deliveries/${id}/resend`);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ type: PROBLEM_TYPES.notFound, status: 404 });
    }
  });

  it('only admins: other roles and organisations get 403, without a session 401, without the CSRF token 403; nothing changes', async () => {
    const id = await delivery('alleen-beheer@partij.example', 'unconfirmed');
    // The recipient's own organisation (a party), the municipality and the table of the region, the national table.
    for (const email of [DEMO.liander, DEMO.barendrecht, DEMO.assen, DEMO.coordinatorZh, DEMO.national]) {
      const agent = await t.login(email);
      const response = await agent.post(`/api/admin/deliveries/${id}/resend`);
      expect(response.statusCode, email).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((await agent.get('/api/admin/deliveries')).statusCode).toBe(403);
    }
    expect((await t.request({ method: 'POST', url: `/api/admin/deliveries/${id}/resend` })).statusCode).toBe(
      401,
    );
    const noCsrf = await admin.request({
      method: 'POST',
      url: `/api/admin/deliveries/${id}/resend`,
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);

    expect(await row(id)).toMatchObject({ status: 'unconfirmed', attempts: 1 });
    const audit = await t.db.query<unknown[]>(
      `SELECT 1 FROM audit_log WHERE target_type = 'delivery' AND target_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox('alleen-beheer@partij.example')).toHaveLength(0);
  });
});
