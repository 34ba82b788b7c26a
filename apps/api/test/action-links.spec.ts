import type { ActionLinkView, CaseDetail } from '@doorbraak/domain';
import { addDays, localDate } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import { hashToken } from '../src/modules/identity/sessions.service';
import type { MailboxMessage } from '../src/runtime/embedded-smtp';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const TOKEN = /\/actie\/([A-Za-z0-9_-]{43})/;

describe('signed action links: one contact, one assignment, from the reminder email', () => {
  let t: TestApp;
  let outbox: OutboxService;
  let coordinator: Agent;
  let pzhId: string;
  const mail = (to: string): MailboxMessage[] =>
    (t.runtime.mailbox?.list() ?? []).filter((m) => m.to.includes(to));

  beforeAll(async () => {
    t = await startTestApp();
    outbox = t.app.get(OutboxService);
    coordinator = await t.login(DEMO.coordinatorZh);
    pzhId = (
      await t.db.query<
        {
          id: string;
        }[]
      >(`SELECT id FROM organisations WHERE name = 'Provincie Zuid-Holland'`)
    )[0]!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A Barendrecht case in progress with Provincie Zuid-Holland assigned, its action two days overdue. */
  async function overdueAssignment(
    contact: string,
    extra: { confidentiality?: 'vertrouwelijk'; role?: 'lead' | 'contributor' } = {},
  ) {
    const municipality = await t.login(DEMO.barendrecht);
    const c = (
      await municipality.post(
        '/api/cases',
        caseInput({
          description: 'Geheime details van het project.',
          ...(extra.confidentiality ? { confidentiality: extra.confidentiality } : {}),
        }),
      )
    ).json<CaseDetail>();
    await t.db.query(`UPDATE cases SET created_at = now() - interval '30 days' WHERE id = $1`, [c.id]);
    await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'accepted' });
    await coordinator.post(`/api/cases/${c.id}/transitions`, { to: 'in_progress' });
    const r = await coordinator.post(`/api/cases/${c.id}/assignments`, {
      organisationId: pzhId,
      role: extra.role ?? 'lead',
      requestedAction: 'Beoordeel de vergunning.',
      contacts: [{ email: contact }],
      dueDate: addDays(localDate(new Date()), -2),
    });
    expect(r.statusCode, r.body).toBe(201);
    return { caseId: c.id, reference: c.reference, assignmentId: r.json<{ id: string }>().id };
  }

  /** The sweeper turns the overdue clock into a reminder; the relay and the worker send it; the token from the email. */
  async function tokenFromReminder(contact: string): Promise<{ token: string; email: MailboxMessage }> {
    const before = mail(contact).length;
    await outbox.sweep();
    await outbox.relay();
    const email = await waitFor(() => (mail(contact).length > before ? mail(contact)[0] : undefined));
    const match = TOKEN.exec(email.text);
    expect(match, email.text).not.toBeNull();
    return { token: match![1]!, email };
  }

  const link = (token: string, path = '', payload?: unknown, remoteAddress?: string) =>
    t.request({
      method: payload === undefined ? 'GET' : 'POST',
      url: `/api/links/${token}${path}`,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      ...(remoteAddress ? { remoteAddress } : {}),
    });

  const state = async (caseId: string) =>
    (
      await t.db.query<unknown[]>(
        `SELECT c.version, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS events,
                (SELECT count(*)::int FROM case_comments m WHERE m.case_id = c.id) AS comments,
                (SELECT json_agg(json_build_object('status', a.action_status, 'version', a.version)) FROM case_assignments a WHERE a.case_id = c.id) AS assignments
           FROM cases c WHERE c.id = $1`,
        [caseId],
      )
    )[0];

  const securityEvents = async (type: string) =>
    await t.db.query<
      {
        actor_label: string | null;
        target_id: string | null;
        data: Record<string, unknown>;
      }[]
    >(`SELECT actor_label, target_id, data FROM audit_log WHERE type = $1 ORDER BY id`, [type]);

  it('puts a signed link in the reminder to a contact without an account; only its hash is stored', async () => {
    const a = await overdueAssignment('vergunningen@pzh.example');
    const { token, email } = await tokenFromReminder('vergunningen@pzh.example');
    expect(email.text).toContain(`http://localhost:3000/actie/${token}`);
    expect(email.html).toContain(`http://localhost:3000/actie/${token}`);
    expect(email.text).toContain('Deel deze link niet');
    const rows: {
      token_hash: string;
      purpose: string;
      case_id: string;
      assignment_id: string;
      contact_email: string;
      days: number;
      delivery_id: string | null;
    }[] = await t.db.query(
      `SELECT token_hash, purpose, case_id, assignment_id, contact_email, delivery_id,
                round(extract(epoch FROM expires_at - created_at) / 86400)::int AS days
           FROM action_links WHERE assignment_id = $1`,
      [a.assignmentId],
    );
    expect(rows).toEqual([
      {
        token_hash: hashToken(token),
        purpose: 'assignment-action',
        case_id: a.caseId,
        assignment_id: a.assignmentId,
        contact_email: 'vergunningen@pzh.example',
        days: 14,
        delivery_id: expect.any(String),
      },
    ]);
    // The raw token is nowhere in the database.
    const leaks: unknown[] = await t.db.query(
      `SELECT 1 FROM deliveries WHERE payload::text LIKE $1 UNION ALL SELECT 1 FROM action_links WHERE token_hash = $2`,
      [`%${token}%`, token],
    );
    expect(leaks).toHaveLength(0);
  });

  it('shows the case summary and its one assignment, acts as the contact, and audits every use', async () => {
    const a = await overdueAssignment('planning@pzh.example');
    const { token } = await tokenFromReminder('planning@pzh.example');
    const viewed = await link(token);
    expect(viewed.statusCode, viewed.body).toBe(200);
    expect(viewed.headers['cache-control']).toBe('no-store');
    const view = viewed.json<ActionLinkView>();
    expect(view).toMatchObject({
      link: { contactEmail: 'planning@pzh.example' },
      case: {
        reference: a.reference,
        municipalityName: 'Barendrecht',
        status: 'in_progress',
        description: 'Geheime details van het project.',
      },
      assignment: {
        organisationName: 'Provincie Zuid-Holland',
        actionStatus: 'open',
        requestedAction: 'Beoordeel de vergunning.',
      },
      canAct: true,
    });
    expect(view.assignment.deadline).toMatchObject({ state: 'breached' });

    const reported = await link(token, '/action-status', {
      actionStatus: 'in_progress',
      progressNote: 'Vergunning ligt bij de jurist.',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json<ActionLinkView>().assignment).toMatchObject({
      actionStatus: 'in_progress',
      progressNote: 'Vergunning ligt bij de jurist.',
    });

    const extension = await link(token, '/extension-request', {
      workingDays: 10,
      reason: 'Wacht op advies van de omgevingsdienst.',
    });
    expect(extension.statusCode, extension.body).toBe(200);
    expect(extension.json<ActionLinkView>().assignment.deadline?.extensionWorkingDays).toBe(0);

    const note = await link(token, '/notes', { body: 'We bellen volgende week met de gemeente.' });
    expect(note.statusCode, note.body).toBe(200);

    const timeline = (await coordinator.get(`/api/cases/${a.caseId}/events`)).json<{
      items: { type: string; actorLabel: string; data: Record<string, unknown> }[];
    }>().items;
    const byContact = timeline.filter((e) => e.actorLabel === 'planning@pzh.example');
    expect(byContact.map((e) => e.type)).toEqual([
      'action_link.viewed',
      'assignment.updated',
      'deadline.extension_requested',
      'comment.added',
    ]);
    expect(byContact[2]!.data).toMatchObject({
      workingDays: 10,
      reason: 'Wacht op advies van de omgevingsdienst.',
      via: 'action-link',
    });
    const comments = (await coordinator.get(`/api/cases/${a.caseId}/comments`)).json<{
      items: { authorLabel: string; visibility: string; body: string }[];
    }>().items;
    expect(comments).toEqual([
      expect.objectContaining({
        authorLabel: 'planning@pzh.example',
        visibility: 'internal',
        body: 'We bellen volgende week met de gemeente.',
      }),
    ]);
    const used = (await securityEvents('link.used')).filter((e) => e.actor_label === 'planning@pzh.example');
    expect(used.map((e) => e.data.action)).toEqual(['view', 'action-status', 'extension-request', 'note']);
    // The chain of case events still verifies.
    expect((await coordinator.get(`/api/cases/${a.caseId}/events/verify`)).json()).toMatchObject({
      intact: true,
    });
    // The coordinator decides on the extension through the existing endpoint.
    const deadline = (await coordinator.get(`/api/cases/${a.caseId}`))
      .json<CaseDetail>()
      .deadlines.find((d) => d.kind === 'assignment')!;
    const extended = await coordinator.post(`/api/cases/${a.caseId}/deadlines/${deadline.id}/extend`, {
      workingDays: 10,
      reason: 'Verzoek via link gehonoreerd',
    });
    expect(extended.statusCode).toBe(200);
  });

  it('a resent email carries a new link and ends the previous one: one valid token per contact and assignment', async () => {
    const a = await overdueAssignment('resend@pzh.example');
    const first = await tokenFromReminder('resend@pzh.example');
    const delivery: { id: string }[] = await t.db.query(
      `SELECT id FROM deliveries WHERE recipient_email = 'resend@pzh.example'`,
    );
    await t.db.query(`UPDATE deliveries SET status = 'queued' WHERE id = $1`, [delivery[0]!.id]);
    const count = mail('resend@pzh.example').length;
    expect(await outbox.send(delivery[0]!.id)).toBe('sent');
    const resent = await waitFor(() =>
      mail('resend@pzh.example').length > count ? mail('resend@pzh.example')[0] : undefined,
    );
    const second = TOKEN.exec(resent.text)![1]!;
    expect(second).not.toBe(first.token);
    const old = await link(first.token);
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ type: 'https://doorbraak.nl/problems/link-revoked' });
    expect(old.json().detail).toMatch(/nieuwere e-mail/);
    expect((await link(second)).statusCode).toBe(200);
    const active: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM action_links WHERE assignment_id = $1 AND revoked_at IS NULL`,
      [a.assignmentId],
    );
    expect(active[0]!.n).toBe(1);
  });

  it('refuses an expired, revoked, malformed or unknown token, or a contact who was removed — and changes nothing', async () => {
    const a = await overdueAssignment('weigeren@pzh.example');
    const { token } = await tokenFromReminder('weigeren@pzh.example');
    const snapshot = await state(a.caseId);

    const malformed = await link('kort', '/action-status', { actionStatus: 'done' });
    expect(malformed.statusCode).toBe(404);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await link('A'.repeat(43), '/notes', { body: 'x' });
    expect(unknown.statusCode).toBe(404);

    await t.db.query(
      `UPDATE action_links SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
      [hashToken(token)],
    );
    const expired = await link(token, '/action-status', { actionStatus: 'done' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({
      type: 'https://doorbraak.nl/problems/link-expired',
      title: 'Link verlopen',
    });
    expect((await link(token)).statusCode).toBe(401);
    expect(await state(a.caseId)).toEqual(snapshot);

    await t.db.query(`UPDATE action_links SET expires_at = now() + interval '1 day' WHERE token_hash = $1`, [
      hashToken(token),
    ]);
    const removeContact = await coordinator.request({
      method: 'PATCH',
      url: `/api/cases/${a.caseId}/assignments/${a.assignmentId}`,
      payload: { contacts: [{ email: 'iemand.anders@pzh.example' }] },
    });
    expect(removeContact.statusCode).toBe(200);
    const afterRemoval = await state(a.caseId);
    const gone = await link(token, '/notes', { body: 'Mag dit nog?' });
    expect(gone.statusCode).toBe(401);
    expect(gone.json().detail).toMatch(/niet meer als contactpersoon/);
    expect(await state(a.caseId)).toEqual(afterRemoval);

    const reasons = (await securityEvents('link.refused')).map((e) => e.data.reason);
    expect(reasons).toEqual(expect.arrayContaining(['malformed', 'unknown', 'expired', 'contact-removed']));
  });

  it('revokes: the table only (party 403, other municipality 404, CSRF required); a revoked link answers 401', async () => {
    const a = await overdueAssignment('intrekken@pzh.example');
    const { token } = await tokenFromReminder('intrekken@pzh.example');
    const url = `/api/cases/${a.caseId}/assignments/${a.assignmentId}/links`;
    const assen = await t.login(DEMO.assen);
    expect((await assen.request({ method: 'DELETE', url })).statusCode).toBe(404);
    const barendrecht = await t.login(DEMO.barendrecht);
    expect((await barendrecht.request({ method: 'DELETE', url })).statusCode).toBe(403);
    expect((await coordinator.request({ method: 'DELETE', url, csrf: false })).statusCode).toBe(403);
    expect((await link(token)).statusCode).toBe(200);
    const revoked = await coordinator.request({ method: 'DELETE', url });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ revoked: 1 });
    const refused = await link(token, '/action-status', { actionStatus: 'done' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ type: 'https://doorbraak.nl/problems/link-revoked' });
    expect(await securityEvents('link.revoked')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target_id: a.assignmentId, data: expect.objectContaining({ revoked: 1 }) }),
      ]),
    );
    const events = (await coordinator.get(`/api/cases/${a.caseId}/events`)).json<{
      items: { type: string }[];
    }>().items;
    expect(events.map((e) => e.type)).toContain('action_link.revoked');
  });

  it('cannot reach another case or assignment: the token names both, the bodies take no ids', async () => {
    const first = await overdueAssignment('twee@pzh.example');
    const second = await overdueAssignment('twee@pzh.example');
    await outbox.sweep();
    await outbox.relay();
    await waitFor(() => (mail('twee@pzh.example').length >= 2 ? true : undefined));
    const tokens = mail('twee@pzh.example').map((m) => ({
      token: TOKEN.exec(m.text)![1]!,
      subject: m.subject,
    }));
    const forFirst = tokens.find((x) => x.subject.includes(first.reference))!.token;
    const forSecond = tokens.find((x) => x.subject.includes(second.reference))!.token;
    expect(forFirst).not.toBe(forSecond);
    expect((await link(forFirst)).json<ActionLinkView>().case.reference).toBe(first.reference);
    expect((await link(forSecond)).json<ActionLinkView>().case.reference).toBe(second.reference);
    const before = await state(second.caseId);
    const smuggled = await link(forFirst, '/action-status', {
      actionStatus: 'done',
      assignmentId: second.assignmentId,
    });
    expect(smuggled.statusCode).toBe(400);
    const done = await link(forFirst, '/action-status', { actionStatus: 'done' });
    expect(done.statusCode).toBe(200);
    expect(await state(second.caseId)).toEqual(before);
    const statuses: { id: string; action_status: string }[] = await t.db.query(
      `SELECT id, action_status FROM case_assignments WHERE id = ANY($1::uuid[])`,
      [[first.assignmentId, second.assignmentId]],
    );
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.action_status]))).toEqual({
      [first.assignmentId]: 'done',
      [second.assignmentId]: 'open',
    });
    // Other routes do not accept a link token as a credential.
    expect(
      (
        await t.request({
          method: 'GET',
          url: `/api/cases/${first.caseId}`,
          headers: { authorization: `Bearer ${forFirst}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('on a confidential case where the party is not the lead, the link hides the description', async () => {
    const a = await overdueAssignment('vertrouwelijk@pzh.example', {
      confidentiality: 'vertrouwelijk',
      role: 'contributor',
    });
    const { token } = await tokenFromReminder('vertrouwelijk@pzh.example');
    expect((await link(token)).json<ActionLinkView>().case.description).toBeNull();
    await coordinator.request({
      method: 'PATCH',
      url: `/api/cases/${a.caseId}/assignments/${a.assignmentId}`,
      payload: { role: 'lead' },
    });
    expect((await link(token)).json<ActionLinkView>().case.description).toBe(
      'Geheime details van het project.',
    );
  });

  it('on a closed case the link still shows the case but acts no more (409)', async () => {
    const a = await overdueAssignment('gesloten@pzh.example');
    const { token } = await tokenFromReminder('gesloten@pzh.example');
    const closed = await coordinator.post(`/api/cases/${a.caseId}/transitions`, {
      to: 'closed',
      reason: 'Project gestopt',
    });
    expect(closed.statusCode).toBe(200);
    const view = await link(token);
    expect(view.statusCode).toBe(200);
    expect(view.json<ActionLinkView>().canAct).toBe(false);
    const refused = await link(token, '/notes', { body: 'Nog een notitie' });
    expect(refused.statusCode).toBe(409);
  });

  it('gives a contact who has an account no link (they log in)', async () => {
    await overdueAssignment(DEMO.liander);
    const before = mail(DEMO.liander).length;
    await outbox.sweep();
    await outbox.relay();
    const email = await waitFor(() =>
      mail(DEMO.liander).length > before ? mail(DEMO.liander)[0] : undefined,
    );
    expect(email.text).not.toMatch(TOKEN);
  });
});
