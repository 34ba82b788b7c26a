import {
  type Assignment,
  assignmentSchema,
  type CaseDetail,
  type CaseEvent,
  type CaseList,
  PROBLEM_TYPES,
} from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

describe('assignments: parties on a case and their agreed actions', () => {
  let t: TestApp;
  let barendrecht: Agent;
  let coordinator: Agent;
  let liander: Agent;
  let assen: Agent;
  let lianderId: string;
  let stedinId: string;

  const patch = (agent: Agent, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    agent.request({ method: 'PATCH', url, payload: payload as string, headers });
  const del = (agent: Agent, url: string, headers: Record<string, string> = {}) =>
    agent.request({ method: 'DELETE', url, headers });

  /** A Barendrecht case, accepted and in progress at the Zuid-Holland table. */
  async function caseInProgress(): Promise<CaseDetail> {
    const created = await barendrecht.post('/api/cases', caseInput());
    expect(created.statusCode).toBe(201);
    const id = created.json<CaseDetail>().id;
    expect((await coordinator.post(`/api/cases/${id}/transitions`, { to: 'accepted' })).statusCode).toBe(200);
    const started = await coordinator.post(`/api/cases/${id}/transitions`, { to: 'in_progress' });
    expect(started.statusCode).toBe(200);
    return started.json<CaseDetail>();
  }

  const assignLiander = (caseId: string, extra: Record<string, unknown> = {}) =>
    coordinator.post(`/api/cases/${caseId}/assignments`, {
      organisationId: lianderId,
      role: 'lead',
      requestedAction: 'Onderzoek netbewust aansluiten en rapporteer aan de tafel.',
      contacts: [{ name: 'Pieter Jansen', email: 'pieter@liander.example' }],
      ...extra,
    });

  beforeAll(async () => {
    t = await startTestApp();
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    liander = await t.login(DEMO.liander);
    assen = await t.login(DEMO.assen);
    const orgs: { id: string; name: string }[] = await t.db.query(
      `SELECT id, name FROM organisations WHERE name IN ('Liander', 'Stedin')`,
    );
    lianderId = orgs.find((o) => o.name === 'Liander')?.id as string;
    stedinId = orgs.find((o) => o.name === 'Stedin')?.id as string;
    expect(lianderId).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the coordinator assigns Liander; Liander then sees the case and reports on its own action only', async () => {
    const c = await caseInProgress();
    const created = await assignLiander(c.id, { dueDate: '2099-01-31' });
    expect(created.statusCode).toBe(201);
    const assignment = assignmentSchema.parse(created.json());
    expect(assignment).toMatchObject({
      caseId: c.id,
      organisationId: lianderId,
      organisationName: 'Liander',
      role: 'lead',
      contacts: [{ name: 'Pieter Jansen', email: 'pieter@liander.example' }],
      dueDate: '2099-01-31',
      actionStatus: 'open',
      progressNote: null,
      version: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/cases/${c.id}/assignments/${assignment.id}`);

    const detail = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(detail.assignments).toEqual([assignment]);
    expect(detail.version).toBe(c.version + 1);

    const seen = (await liander.get('/api/cases?limit=200')).json<CaseList>().items.map((i) => i.id);
    expect(seen).toContain(c.id);

    const url = `/api/cases/${c.id}/assignments/${assignment.id}`;
    const reported = await patch(liander, url, {
      actionStatus: 'in_progress',
      progressNote: 'Schouw gepland.',
    });
    expect(reported.statusCode).toBe(200);
    expect(reported.json<Assignment>()).toMatchObject({
      actionStatus: 'in_progress',
      progressNote: 'Schouw gepland.',
      version: 2,
      requestedAction: assignment.requestedAction,
    });
    expect(reported.headers.etag).toBe('"2"');

    const refused = await patch(liander, url, { requestedAction: 'Iets anders' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json().type).toBe(PROBLEM_TYPES.forbidden);
    const mixed = await patch(liander, url, { actionStatus: 'done', dueDate: '2099-12-31' });
    expect(mixed.statusCode).toBe(403);
    const unchanged = (await liander.get(`/api/cases/${c.id}`)).json<CaseDetail>().assignments[0];
    expect(unchanged).toMatchObject({ actionStatus: 'in_progress', dueDate: '2099-01-31', version: 2 });

    // The submitting municipality sees the case but may not manage its parties.
    const municipality = await patch(barendrecht, url, { actionStatus: 'done' });
    expect(municipality.statusCode).toBe(403);
    expect((await barendrecht.post(`/api/cases/${c.id}/assignments`, { ...assignment })).statusCode).toBe(
      400,
    );
    const municipalityCreate = await barendrecht.post(`/api/cases/${c.id}/assignments`, {
      organisationId: lianderId,
      role: 'informed',
      requestedAction: 'x',
    });
    expect(municipalityCreate.statusCode).toBe(403);
  });

  it('answers 412 on a stale If-Match and bumps the assignment version on each change', async () => {
    const c = await caseInProgress();
    const assignment = (await assignLiander(c.id)).json<Assignment>();
    const url = `/api/cases/${c.id}/assignments/${assignment.id}`;

    const first = await patch(coordinator, url, { role: 'contributor' }, { 'if-match': '"1"' });
    expect(first.statusCode).toBe(200);
    expect(first.json<Assignment>()).toMatchObject({ role: 'contributor', version: 2 });

    const stale = await patch(coordinator, url, { dueDate: '2099-02-01' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toBe(PROBLEM_TYPES.preconditionFailed);
    const malformed = await patch(coordinator, url, { dueDate: '2099-02-01' }, { 'if-match': 'abc' });
    expect(malformed.statusCode).toBe(412);

    const fresh = await patch(
      coordinator,
      url,
      { dueDate: '2099-02-01', contacts: [], requestedAction: 'Nieuwe vraag' },
      { 'if-match': '"2"' },
    );
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json<Assignment>()).toMatchObject({
      dueDate: '2099-02-01',
      contacts: [],
      requestedAction: 'Nieuwe vraag',
      version: 3,
    });
    // Without If-Match the change is accepted too (it is optional).
    const loose = await patch(coordinator, url, { dueDate: null });
    expect(loose.json<Assignment>()).toMatchObject({ dueDate: null, version: 4 });
    const stored: { version: number }[] = await t.db.query(
      `SELECT version FROM case_assignments WHERE id = $1`,
      [assignment.id],
    );
    expect(stored[0]?.version).toBe(4);
  });

  it('validates: unknown organisation, due date before submission, empty patch, unknown fields', async () => {
    const c = await caseInProgress();
    const unknownOrg = await coordinator.post(`/api/cases/${c.id}/assignments`, {
      organisationId: '00000000-0000-4000-8000-000000000000',
      role: 'lead',
      requestedAction: 'Iets',
    });
    expect(unknownOrg.statusCode).toBe(400);
    expect(unknownOrg.json().type).toBe(PROBLEM_TYPES.validation);
    expect(unknownOrg.json().errors.map((e: { field: string }) => e.field)).toEqual(['organisationId']);

    const early = await assignLiander(c.id, { dueDate: '2020-01-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual(['dueDate']);

    const badRole = await assignLiander(c.id, { role: 'boss' });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors.map((e: { field: string }) => e.field)).toEqual(['role']);

    const assignment = (await assignLiander(c.id)).json<Assignment>();
    const url = `/api/cases/${c.id}/assignments/${assignment.id}`;
    expect((await patch(coordinator, url, {})).statusCode).toBe(400);
    expect((await patch(coordinator, url, { organisationId: lianderId })).statusCode).toBe(400);
    const earlyPatch = await patch(coordinator, url, { dueDate: '2020-01-01' });
    expect(earlyPatch.statusCode).toBe(400);
    expect(earlyPatch.json().errors[0].field).toBe('dueDate');

    // A due date in the past is fine as long as it is not before the case was submitted.
    await t.db.query(`UPDATE cases SET created_at = now() - interval '40 days' WHERE id = $1`, [c.id]);
    const past = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const ok = await patch(coordinator, url, { dueDate: past });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Assignment>().dueDate).toBe(past);
  });

  it('refuses a second active assignment of the same party; removal is soft and allows re-assigning', async () => {
    const c = await caseInProgress();
    const assignment = (await assignLiander(c.id)).json<Assignment>();
    const twice = await assignLiander(c.id, { role: 'informed' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toBe(`${PROBLEM_TYPES.conflict}/party-already-assigned`);

    const other = await coordinator.post(`/api/cases/${c.id}/assignments`, {
      organisationId: stedinId,
      role: 'informed',
      requestedAction: 'Meelezen.',
    });
    expect(other.statusCode).toBe(201);

    const url = `/api/cases/${c.id}/assignments/${assignment.id}`;
    expect((await del(liander, url)).statusCode).toBe(403);
    expect((await del(coordinator, url, { 'if-match': '"7"' })).statusCode).toBe(412);
    const removed = await del(coordinator, url);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await del(coordinator, url)).statusCode).toBe(404);
    expect((await patch(coordinator, url, { role: 'lead' })).statusCode).toBe(404);

    const detail = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(detail.assignments.map((a) => a.organisationId)).toEqual([stedinId]);
    const kept: { removed_at: Date | null }[] = await t.db.query(
      `SELECT removed_at FROM case_assignments WHERE id = $1`,
      [assignment.id],
    );
    expect(kept[0]?.removed_at).not.toBeNull();

    const again = await assignLiander(c.id);
    expect(again.statusCode).toBe(201);
    expect(again.json<Assignment>().id).not.toBe(assignment.id);
  });

  it('answers 404 for an unknown assignment, one of another case, and for users outside the scope', async () => {
    const c = await caseInProgress();
    const d = await caseInProgress();
    const assignment = (await assignLiander(c.id)).json<Assignment>();
    const url = `/api/cases/${c.id}/assignments/${assignment.id}`;

    const foreign = `/api/cases/${d.id}/assignments/${assignment.id}`;
    expect((await patch(coordinator, foreign, { role: 'informed' })).statusCode).toBe(404);
    expect((await del(coordinator, foreign)).statusCode).toBe(404);
    const unknown = `/api/cases/${c.id}/assignments/00000000-0000-4000-8000-000000000000`;
    expect((await patch(coordinator, unknown, { role: 'informed' })).statusCode).toBe(404);
    expect(
      (await patch(coordinator, `/api/cases/${c.id}/assignments/nope`, { role: 'lead' })).statusCode,
    ).toBe(404);

    const outside = [
      await assen.post(`/api/cases/${c.id}/assignments`, {
        organisationId: lianderId,
        role: 'lead',
        requestedAction: 'x',
      }),
      await patch(assen, url, { actionStatus: 'done' }),
      await del(assen, url),
    ];
    for (const r of outside) {
      expect(r.statusCode).toBe(404);
      expect(r.json().detail).toBe('Dossier niet gevonden.');
    }
    // Liander is not on case d: it does not exist for Liander.
    expect((await patch(liander, foreign, { actionStatus: 'done' })).statusCode).toBe(404);
  });

  it('records every change in the timeline, in order, with an intact hash chain', async () => {
    const c = await caseInProgress();
    const assignment = (await assignLiander(c.id)).json<Assignment>();
    const url = `/api/cases/${c.id}/assignments/${assignment.id}`;
    await patch(liander, url, { progressNote: 'Bezig.' });
    await patch(coordinator, url, { role: 'contributor' });
    expect((await del(coordinator, url)).statusCode).toBe(204);

    const events = (await coordinator.get(`/api/cases/${c.id}/events`)).json<{ items: CaseEvent[] }>().items;
    expect(events.map((e) => e.type)).toEqual([
      'case.submitted',
      'case.status_changed',
      'case.status_changed',
      'assignment.created',
      'assignment.updated',
      'assignment.updated',
      'assignment.removed',
    ]);
    expect(events[4]?.data).toMatchObject({
      assignmentId: assignment.id,
      before: { progressNote: null },
      after: { progressNote: 'Bezig.' },
    });
    expect(events[4]?.actorLabel).toContain('Liander');
    expect(events[5]?.data).toMatchObject({ before: { role: 'lead' }, after: { role: 'contributor' } });
    const verify = await coordinator.get(`/api/cases/${c.id}/events/verify`);
    expect(verify.json()).toEqual({ intact: true, events: 7, brokenAt: null, reason: null });
    const detail = (await coordinator.get(`/api/cases/${c.id}`)).json<CaseDetail>();
    expect(detail.version).toBe(c.version + 4);
  });
});
