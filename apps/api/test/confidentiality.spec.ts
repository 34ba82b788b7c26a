import type { CaseDetail, CaseList } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

const SECRET = 'Geheimhouding-Zwaluwstaart onderhandelt over grondprijs';

describe('confidentiality: a party that is not the lead sees no confidential parts', () => {
  let t: TestApp;
  let coordinator: Agent;
  let liander: Agent;
  let lianderId: string;
  let caseId: string;
  let assignmentId: string;

  async function upload(agent: Agent, id: string, name: string, visibility: 'internal' | 'shared') {
    const boundary = 'grens1234';
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="visibility"\r\n\r\n${visibility}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n` +
      `inhoud van ${name}\r\n--${boundary}--\r\n`;
    return agent.request({
      method: 'POST',
      url: `/api/cases/${id}/attachments`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await t.login(DEMO.coordinatorZh);
    liander = await t.login(DEMO.liander);
    lianderId = (
      await t.db.query<{ id: string }[]>(`SELECT id FROM organisations WHERE name = 'Liander'`)
    )[0]!.id;
    const municipality = await t.login(DEMO.barendrecht);
    const created = await municipality.post(
      '/api/cases',
      caseInput({ projectName: 'Project Zwaluw', description: SECRET, confidentiality: 'vertrouwelijk' }),
    );
    caseId = created.json<CaseDetail>().id;
    await coordinator.post(`/api/cases/${caseId}/transitions`, { to: 'accepted' });
    await coordinator.post(`/api/cases/${caseId}/transitions`, { to: 'in_progress' });
    const assigned = await coordinator.post(`/api/cases/${caseId}/assignments`, {
      organisationId: lianderId,
      role: 'contributor',
      requestedAction: 'Kijk naar de aansluiting.',
    });
    assignmentId = assigned.json<{ id: string }>().id;
    await coordinator.post(`/api/cases/${caseId}/comments`, {
      body: 'INTERN: de grondprijs',
      visibility: 'internal',
    });
    await coordinator.post(`/api/cases/${caseId}/comments`, {
      body: 'GEDEELD: planning',
      visibility: 'shared',
    });
    expect((await upload(coordinator, caseId, 'intern.txt', 'internal')).statusCode).toBe(201);
    expect((await upload(coordinator, caseId, 'gedeeld.txt', 'shared')).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hides the description, internal comments, attachments and events from a contributing party', async () => {
    const detail = await liander.get(`/api/cases/${caseId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<CaseDetail>()).toMatchObject({
      description: null,
      confidentialPartsHidden: true,
      projectName: 'Project Zwaluw',
    });
    expect(detail.body).not.toContain('Zwaluwstaart');

    const comments = (await liander.get(`/api/cases/${caseId}/comments`)).json<{
      items: { body: string }[];
    }>().items;
    expect(comments.map((c) => c.body)).toEqual(['GEDEELD: planning']);
    const attachments = (await liander.get(`/api/cases/${caseId}/attachments`)).json<{
      items: { id: string; filename: string }[];
    }>().items;
    expect(attachments.map((a) => a.filename)).toEqual(['gedeeld.txt']);
    const all = (await coordinator.get(`/api/cases/${caseId}/attachments`)).json<{
      items: { id: string; filename: string }[];
    }>().items;
    const internal = all.find((a) => a.filename === 'intern.txt')!;
    expect((await liander.get(`/api/cases/${caseId}/attachments/${internal.id}/content`)).statusCode).toBe(
      404,
    );

    const events = await liander.get(`/api/cases/${caseId}/events`);
    expect(events.statusCode).toBe(200);
    expect(events.body).not.toContain('Zwaluwstaart');
    expect(events.body).not.toContain('INTERN');
    expect(events.body).not.toContain('intern.txt');
    expect(events.json<{ items: { type: string }[] }>().items.map((e) => e.type)).toContain('case.submitted');

    const search = (await liander.get('/api/cases?q=Zwaluwstaart')).json<CaseList>();
    expect(search.items.map((c) => c.id)).not.toContain(caseId);
    const byName = (await liander.get('/api/cases?q=Zwaluw')).json<CaseList>();
    expect(byName.items.map((c) => c.id)).toContain(caseId);

    const internalPost = await liander.post(`/api/cases/${caseId}/comments`, {
      body: 'Mag ik intern?',
      visibility: 'internal',
    });
    expect(internalPost.statusCode).toBe(403);
    expect((await upload(liander, caseId, 'poging.txt', 'internal')).statusCode).toBe(403);
    expect(
      (
        await liander.post(`/api/cases/${caseId}/comments`, {
          body: 'Gedeeld van Liander',
          visibility: 'shared',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('shows everything to the table, and to the party once it is the lead', async () => {
    const table = (await coordinator.get(`/api/cases/${caseId}`)).json<CaseDetail>();
    expect(table).toMatchObject({ description: SECRET, confidentialPartsHidden: false });
    expect(
      (await coordinator.get('/api/cases?q=Zwaluwstaart')).json<CaseList>().items.map((c) => c.id),
    ).toContain(caseId);

    const promoted = await coordinator.request({
      method: 'PATCH',
      url: `/api/cases/${caseId}/assignments/${assignmentId}`,
      payload: { role: 'lead' },
    });
    expect(promoted.statusCode).toBe(200);
    expect((await liander.get(`/api/cases/${caseId}`)).json<CaseDetail>()).toMatchObject({
      description: SECRET,
      confidentialPartsHidden: false,
    });
    expect(
      (await liander.get(`/api/cases/${caseId}/comments`)).json<{ items: unknown[] }>().items,
    ).toHaveLength(3);
    expect((await liander.get(`/api/cases/${caseId}/events`)).body).toContain('Zwaluwstaart');
    expect(
      (await liander.get('/api/cases?q=Zwaluwstaart')).json<CaseList>().items.map((c) => c.id),
    ).toContain(caseId);
    await coordinator.request({
      method: 'PATCH',
      url: `/api/cases/${caseId}/assignments/${assignmentId}`,
      payload: { role: 'contributor' },
    });
  });

  it('hides nothing from a contributing party on a case that is only internal', async () => {
    const municipality = await t.login(DEMO.barendrecht);
    const open = (
      await municipality.post('/api/cases', caseInput({ description: 'Gewone toelichting' }))
    ).json<CaseDetail>();
    await coordinator.post(`/api/cases/${open.id}/transitions`, { to: 'accepted' });
    await coordinator.post(`/api/cases/${open.id}/assignments`, {
      organisationId: lianderId,
      role: 'informed',
      requestedAction: 'Ter info.',
    });
    expect((await liander.get(`/api/cases/${open.id}`)).json<CaseDetail>()).toMatchObject({
      description: 'Gewone toelichting',
      confidentialPartsHidden: false,
    });
  });

  it('the submitting municipality keeps its own rule: shared items only, but its own description', async () => {
    const municipality = await t.login(DEMO.barendrecht);
    const detail = (await municipality.get(`/api/cases/${caseId}`)).json<CaseDetail>();
    expect(detail.description).toBe(SECRET);
    const comments = (await municipality.get(`/api/cases/${caseId}/comments`)).json<{
      items: { visibility: string }[];
    }>().items;
    expect(comments.every((c) => c.visibility === 'shared')).toBe(true);
  });
});
