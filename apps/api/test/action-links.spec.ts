import type { ActionLinkView, CaseDetail } from '@doorbraak/domain';
import { addDays, localDate } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxService } from '../src/modules/notifications/outbox.service';
import { hashToken } from '../src/modules/identity/sessions.service';
import type { MailboxMessage } from '../src/runtime/embedded-smtp';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';
import { waitFor } from './wait-for';

const TOKEN = /\/actie\/([A-Za-z0-9_-]{43})/;

describe('signed action links: one contact, one assignment, from the reminder email', () => {
  let t: TestApp;
  let outbox: OutboxService;
  let coordinator: Agent;
  let pzhId: string;
  const mail = (to: string): MailboxMessage[] =>
    (t.runtime.mailbox?.list() ?? []).filter((m) => m.to.includes(to));

  beforeAll(async () => {
    // This file makes more link requests than one IP may per minute; the limit has its own test.
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '1000' });
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

  const link = (token: string, path = '', payload?: unknown, headers?: Record<string, string>) =>
    t.request({
      method: payload === undefined ? 'GET' : 'POST',
      url: `/api/links/${token}${path}`,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      ...(headers ? { headers } : {}),
    });
  /** The contact's one answer. */
  const answer = (token: string, payload: unknown, headers?: Record<string, string>) =>
    link(token, '/response', payload, headers);
  const usedAt = async (token: string) =>
    (
      await t.db.query<{ used_at: Date | null }[]>(`SELECT used_at FROM action_links WHERE token_hash = $1`, [
        hashToken(token),
      ])
    )[0]!.used_at;

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

    const answered = await answer(token, {
      actionStatus: 'in_progress',
      progressNote: 'Vergunning ligt bij de jurist.',
      extension: { workingDays: 10, reason: 'Wacht op advies van de omgevingsdienst.' },
      note: 'We bellen volgende week met de gemeente.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.headers['cache-control']).toBe('no-store');
    const after = answered.json<ActionLinkView>();
    expect(after.assignment).toMatchObject({
      actionStatus: 'in_progress',
      progressNote: 'Vergunning ligt bij de jurist.',
    });
    // A request only: the coordinator decides.
    expect(after.assignment.deadline?.extensionWorkingDays).toBe(0);
    expect(after.canAct).toBe(false);
    expect(after.link.usedAt).toEqual(expect.any(String));
    expect(new Date(after.link.usedAt!).toISOString()).toBe(new Date((await usedAt(token))!).toISOString());

    // The link still shows the case (answered) until it expires.
    const again = await link(token);
    expect(again.statusCode).toBe(200);
    expect(again.json<ActionLinkView>()).toMatchObject({
      canAct: false,
      link: { usedAt: after.link.usedAt },
      assignment: { actionStatus: 'in_progress' },
    });

    const timeline = (await coordinator.get(`/api/cases/${a.caseId}/events`)).json<{
      items: { type: string; actorLabel: string; data: Record<string, unknown> }[];
    }>().items;
    const byContact = timeline.filter((e) => e.actorLabel === 'planning@pzh.example');
    expect(byContact.map((e) => e.type)).toEqual([
      'action_link.viewed',
      'assignment.updated',
      'deadline.extension_requested',
      'comment.added',
      'action_link.viewed',
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
    expect(used.map((e) => e.data.action)).toEqual(['view', 'response', 'view']);
    expect(used[1]!.data.answered).toEqual(['action-status', 'extension-request', 'note']);
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

    const malformed = await answer('kort', { actionStatus: 'done' });
    expect(malformed.statusCode).toBe(404);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await answer('A'.repeat(43), { note: 'x' });
    expect(unknown.statusCode).toBe(404);

    await t.db.query(
      `UPDATE action_links SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
      [hashToken(token)],
    );
    const expired = await answer(token, { actionStatus: 'done' });
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
    const gone = await answer(token, { note: 'Mag dit nog?' });
    expect(gone.statusCode).toBe(401);
    expect(gone.json().detail).toMatch(/niet meer als contactpersoon/);
    expect(await state(a.caseId)).toEqual(afterRemoval);

    const reasons = (await securityEvents('link.refused')).map((e) => e.data.reason);
    expect(reasons).toEqual(expect.arrayContaining(['malformed', 'unknown', 'expired', 'contact-removed']));
    // None of the refusals used the link up.
    expect(await usedAt(token)).toBeNull();
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
    const refused = await answer(token, { actionStatus: 'done' });
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
    const smuggled = await answer(forFirst, {
      actionStatus: 'done',
      assignmentId: second.assignmentId,
    });
    expect(smuggled.statusCode).toBe(400);
    const done = await answer(forFirst, { actionStatus: 'done' });
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
    const refused = await answer(token, { note: 'Nog een notitie' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'https://doorbraak.nl/problems/conflict/case-closed' });
    expect(await usedAt(token)).toBeNull();
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

  it('answers once: a replay is refused (409 …/link-used), logged as link.replayed, and changes nothing', async () => {
    const a = await overdueAssignment('eenmalig@pzh.example');
    const { token } = await tokenFromReminder('eenmalig@pzh.example');
    const first = await answer(token, { note: 'Eerste antwoord.' });
    expect(first.statusCode, first.body).toBe(200);
    const snapshot = await state(a.caseId);
    const replays = [
      { note: 'Tweede antwoord.' },
      { actionStatus: 'done' },
      { extension: { workingDays: 5, reason: 'Nog even geduld.' } },
    ];
    for (const body of replays) {
      const replay = await answer(token, body);
      expect(replay.statusCode, replay.body).toBe(409);
      expect(replay.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(replay.json()).toMatchObject({
        type: 'https://doorbraak.nl/problems/link-used',
        title: 'Al beantwoord',
        status: 409,
      });
      expect(replay.json().detail).toMatch(
        /al gereageerd op \d{1,2} \w+ \d{4}.*nieuwe link bij de volgende herinnering/,
      );
    }
    expect(await state(a.caseId)).toEqual(snapshot);
    const logged = (await securityEvents('link.replayed')).filter(
      (e) => e.actor_label === 'eenmalig@pzh.example',
    );
    expect(logged).toHaveLength(3);
    expect(logged[0]!.data).toMatchObject({ action: 'response', reason: 'used', caseId: a.caseId });
    // A note alone tells the coordinators nothing by email.
    const notices: unknown[] = await t.db.query(
      `SELECT 1 FROM deliveries WHERE case_id = $1 AND kind = 'extension'`,
      [a.caseId],
    );
    expect(notices).toHaveLength(0);

    // It still shows the case, answered, until it expires.
    const view = (await link(token)).json<ActionLinkView>();
    expect(view.canAct).toBe(false);
    expect(view.link.usedAt).toEqual(expect.any(String));

    // The next reminder carries a new link, which answers again (once).
    const delivery: { id: string }[] = await t.db.query(
      `SELECT id FROM deliveries WHERE recipient_email = 'eenmalig@pzh.example'`,
    );
    await t.db.query(`UPDATE deliveries SET status = 'queued' WHERE id = $1`, [delivery[0]!.id]);
    const count = mail('eenmalig@pzh.example').length;
    expect(await outbox.send(delivery[0]!.id)).toBe('sent');
    const next = await waitFor(() =>
      mail('eenmalig@pzh.example').length > count ? mail('eenmalig@pzh.example')[0] : undefined,
    );
    const fresh = TOKEN.exec(next.text)![1]!;
    expect((await link(fresh)).json<ActionLinkView>()).toMatchObject({
      canAct: true,
      link: { usedAt: null },
    });
    expect((await answer(fresh, { actionStatus: 'in_progress' })).statusCode).toBe(200);
    expect((await answer(fresh, { actionStatus: 'done' })).statusCode).toBe(409);
  });

  it('two answers at the same moment: exactly one is accepted, the others are replays', async () => {
    const a = await overdueAssignment('gelijktijdig@pzh.example');
    const { token } = await tokenFromReminder('gelijktijdig@pzh.example');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        answer(token, {
          note: `Antwoord ${i}.`,
          extension: { workingDays: i + 1, reason: `Reden nummer ${i}.` },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const comments: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM case_comments WHERE case_id = $1`,
      [a.caseId],
    );
    expect(comments[0]!.n).toBe(1);
    const requests: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'deadline.extension_requested'`,
      [a.caseId],
    );
    expect(requests[0]!.n).toBe(1);
    const notices: { n: number }[] = await t.db.query(
      `SELECT count(DISTINCT dedupe_key)::int AS n FROM deliveries WHERE case_id = $1 AND kind = 'extension'
          AND recipient_email = $2`,
      [a.caseId, DEMO.coordinatorZh],
    );
    expect(notices[0]!.n).toBe(1);
    const replayed = (await securityEvents('link.replayed')).filter(
      (e) => e.actor_label === 'gelijktijdig@pzh.example',
    );
    expect(replayed).toHaveLength(5);
    expect((await coordinator.get(`/api/cases/${a.caseId}/events/verify`)).json()).toMatchObject({
      intact: true,
    });
  });

  it('an empty or invalid answer is a 400 in Dutch or English and does not use the link up', async () => {
    await overdueAssignment('ongeldig@pzh.example');
    const { token } = await tokenFromReminder('ongeldig@pzh.example');
    const empty = await answer(token, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(empty.json().errors).toEqual([
      expect.objectContaining({
        message:
          'Geef minstens één antwoord: de stand van de actie, een verzoek om meer tijd of een notitie.',
      }),
    ]);
    const english = await answer(token, {}, { 'accept-language': 'en' });
    expect(english.json().errors[0].message).toBe(
      'Give at least one answer: the status of the action, a request for more time or a note.',
    );
    const invalid = await answer(token, { extension: { workingDays: 0, reason: 'x' }, note: '   ' });
    expect(invalid.statusCode).toBe(400);
    expect(
      Object.fromEntries(
        invalid
          .json<{ errors: { field: string; message: string }[] }>()
          .errors.map((e) => [e.field, e.message]),
      ),
    ).toEqual({
      'extension.workingDays': 'Vul een heel aantal werkdagen in, van 1 tot en met 120.',
      'extension.reason': 'Schrijf waarom meer tijd nodig is (minstens 3 tekens).',
      note: 'Vul dit veld in.',
    });
    expect(await usedAt(token)).toBeNull();
    expect((await answer(token, { note: 'Nu wel.' })).statusCode).toBe(200);
  });

  it('an answer refused halfway rolls back whole: nothing changes and the link stays unused', async () => {
    const a = await overdueAssignment('halverwege@pzh.example');
    const { token } = await tokenFromReminder('halverwege@pzh.example');
    // The action is done, so its clock has stopped: there is nothing to extend.
    const done = await coordinator.request({
      method: 'PATCH',
      url: `/api/cases/${a.caseId}/assignments/${a.assignmentId}`,
      payload: { actionStatus: 'done' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const snapshot = await state(a.caseId);
    const refused = await answer(token, {
      progressNote: 'Toch nog een toelichting.',
      extension: { workingDays: 3, reason: 'Meer tijd graag.' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: 'https://doorbraak.nl/problems/conflict/deadline-closed' });
    expect(await state(a.caseId)).toEqual(snapshot);
    expect(await usedAt(token)).toBeNull();
    const notices: unknown[] = await t.db.query(
      `SELECT 1 FROM deliveries WHERE case_id = $1 AND kind = 'extension'`,
      [a.caseId],
    );
    expect(notices).toHaveLength(0);
  });

  it('an extension request emails the table’s coordinator once: reference, contact, reason and a link to the case', async () => {
    const a = await overdueAssignment('uitstel@pzh.example');
    const { token } = await tokenFromReminder('uitstel@pzh.example');
    const notices = () =>
      mail(DEMO.coordinatorZh).filter(
        (m) => m.subject.includes(a.reference) && m.subject.includes('werkdagen extra'),
      );
    expect(notices()).toHaveLength(0);
    const r = await answer(token, {
      extension: { workingDays: 7, reason: 'Wij wachten op het tracébesluit van de netbeheerder.' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const deliveries: { id: string; recipient_email: string; status: string }[] = await t.db.query(
      `SELECT id, recipient_email, status FROM deliveries WHERE case_id = $1 AND kind = 'extension'`,
      [a.caseId],
    );
    // The coordinators of Zuid-Holland's table, and nobody else.
    const coordinators: { email: string }[] = await t.db.query(
      `SELECT u.email FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.active AND u.role = 'coordinator' AND 'PV28' = ANY(o.province_codes) ORDER BY u.email`,
    );
    expect(deliveries.map((d) => d.recipient_email).sort()).toEqual(coordinators.map((c) => c.email));
    expect(deliveries.map((d) => d.recipient_email)).toContain(DEMO.coordinatorZh);

    await outbox.relay();
    const email = await waitFor(() => notices()[0]);
    expect(email.subject.startsWith(`[${a.reference}] Verzoek om 7 werkdagen extra: `)).toBe(true);
    for (const part of [email.text, email.html]) {
      expect(part).toContain(a.reference);
      expect(part).toContain('uitstel@pzh.example');
      expect(part).toContain('Wij wachten op het tracébesluit van de netbeheerder.');
      expect(part).toContain(`http://localhost:3000/dossiers/${a.caseId}`);
      expect(part).toContain('Provincie Zuid-Holland');
    }
    expect(email.text).toContain('7 werkdagen extra');
    // Once: relaying and sending again send nothing more.
    await outbox.relay();
    for (const d of deliveries) expect(await outbox.send(d.id)).toBe('skipped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notices()).toHaveLength(1);
    const sent: { status: string }[] = await t.db.query(`SELECT status FROM deliveries WHERE id = $1`, [
      deliveries.find((d) => d.recipient_email === DEMO.coordinatorZh)!.id,
    ]);
    expect(sent[0]!.status).toBe('sent');
  });
});
