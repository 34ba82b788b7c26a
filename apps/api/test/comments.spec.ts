import type { CaseDetail, Comment } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { type Agent, DEMO, startTestApp, type TestApp } from './test-app';

interface TimelineItem {
  type: string;
  data: Record<string, unknown>;
}

describe('comments: visibility, scope, one transaction with an event', () => {
  let t: TestApp;
  let barendrecht: Agent;
  let coordinator: Agent;
  let assen: Agent;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    barendrecht = await t.login(DEMO.barendrecht);
    coordinator = await t.login(DEMO.coordinatorZh);
    assen = await t.login(DEMO.assen);
    caseId = (await barendrecht.post('/api/cases', caseInput())).json<CaseDetail>().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the table comments internally and shared; the submitter sees only shared, everyone in order', async () => {
    const internal = await coordinator.post(`/api/cases/${caseId}/comments`, {
      body: 'Intern: netbeheerder eerst bellen.',
      visibility: 'internal',
    });
    expect(internal.statusCode).toBe(201);
    expect(internal.json<Comment>()).toMatchObject({
      caseId,
      body: 'Intern: netbeheerder eerst bellen.',
      visibility: 'internal',
      authorLabel: 'Fatima El Amrani (Regionale versnellingstafel Zuid-Holland)',
    });
    const shared = await coordinator.post(`/api/cases/${caseId}/comments`, {
      body: 'Wij pakken dit op.',
      visibility: 'shared',
    });
    expect(shared.statusCode).toBe(201);
    const reply = await barendrecht.post(`/api/cases/${caseId}/comments`, {
      body: 'Dank, wij leveren de stukken aan.',
      visibility: 'shared',
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json<Comment>().authorLabel).toMatch(/\(Gemeente Barendrecht\)$/);

    const forCoordinator = (await coordinator.get(`/api/cases/${caseId}/comments`)).json<{
      items: Comment[];
    }>();
    expect(forCoordinator.items.map((c) => c.body)).toEqual([
      'Intern: netbeheerder eerst bellen.',
      'Wij pakken dit op.',
      'Dank, wij leveren de stukken aan.',
    ]);
    const forSubmitter = await barendrecht.get(`/api/cases/${caseId}/comments`);
    expect(forSubmitter.statusCode).toBe(200);
    expect(forSubmitter.json<{ items: Comment[] }>().items.map((c) => c.body)).toEqual([
      'Wij pakken dit op.',
      'Dank, wij leveren de stukken aan.',
    ]);
    expect(forSubmitter.json<{ items: Comment[] }>().items.every((c) => c.visibility === 'shared')).toBe(
      true,
    );
  });

  it('the submitting municipality cannot post an internal comment (403), and nothing is stored', async () => {
    const before = (await coordinator.get(`/api/cases/${caseId}/comments`)).json<{ items: Comment[] }>()
      .items;
    const refused = await barendrecht.post(`/api/cases/${caseId}/comments`, {
      body: 'Stiekem intern',
      visibility: 'internal',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const after = (await coordinator.get(`/api/cases/${caseId}/comments`)).json<{ items: Comment[] }>().items;
    expect(after).toHaveLength(before.length);
  });

  it('adds a comment.added event (internal ones hidden from the submitter) and bumps the version', async () => {
    const version = (await coordinator.get(`/api/cases/${caseId}`)).json<CaseDetail>().version;
    const long = 'x'.repeat(150) + 'é'.repeat(100);
    const created = (
      await coordinator.post(`/api/cases/${caseId}/comments`, { body: long, visibility: 'internal' })
    ).json<Comment>();
    expect((await coordinator.get(`/api/cases/${caseId}`)).json<CaseDetail>().version).toBe(version + 1);

    const tableTimeline = (await coordinator.get(`/api/cases/${caseId}/events`)).json<{
      items: TimelineItem[];
    }>().items;
    const event = tableTimeline.find((e) => e.type === 'comment.added' && e.data.commentId === created.id);
    expect(event?.data).toEqual({
      commentId: created.id,
      visibility: 'internal',
      excerpt: long.slice(0, 200),
    });
    const submitterTimeline = (await barendrecht.get(`/api/cases/${caseId}/events`)).json<{
      items: TimelineItem[];
    }>().items;
    const submitterComments = submitterTimeline.filter((e) => e.type === 'comment.added');
    expect(submitterComments.length).toBeGreaterThan(0);
    expect(submitterComments.every((e) => e.data.visibility === 'shared')).toBe(true);

    const verified = await coordinator.get(`/api/cases/${caseId}/events/verify`);
    expect(verified.json()).toMatchObject({ intact: true });
  });

  it('allows comments in any status (a case that reached its breakthrough)', async () => {
    const [done] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM cases WHERE project_name = 'De Stationstuinen' AND status = 'breakthrough'`,
    );
    expect(done).toBeDefined();
    const posted = await barendrecht.post(`/api/cases/${done!.id}/comments`, {
      body: 'Nog een nabrander.',
      visibility: 'shared',
    });
    expect(posted.statusCode).toBe(201);
  });

  it('answers 404 outside the scope: Assen cannot read or write comments on a Barendrecht case', async () => {
    const list = await assen.get(`/api/cases/${caseId}/comments`);
    expect(list.statusCode).toBe(404);
    expect(list.json().detail).toBe('Dossier niet gevonden.');
    const post = await assen.post(`/api/cases/${caseId}/comments`, { body: 'Hallo?', visibility: 'shared' });
    expect(post.statusCode).toBe(404);
    const liander = await t.login(DEMO.liander);
    expect((await liander.get(`/api/cases/${caseId}/comments`)).statusCode).toBe(404);
    expect((await coordinator.get('/api/cases/not-a-uuid/comments')).statusCode).toBe(404);
    const count = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM case_comments WHERE case_id = $1 AND body = 'Hallo?'`,
      [caseId],
    );
    expect(count[0]?.n).toBe(0);
  });

  it('validates the body: blank text, unknown visibility and extra fields are 400', async () => {
    for (const body of [
      { body: '   ', visibility: 'shared' },
      { body: 'Hoi', visibility: 'public' },
      { body: 'Hoi', visibility: 'shared', authorLabel: 'Minister' },
    ]) {
      const response = await coordinator.post(`/api/cases/${caseId}/comments`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('needs a session and the CSRF token', async () => {
    expect((await t.request({ method: 'GET', url: `/api/cases/${caseId}/comments` })).statusCode).toBe(401);
    const noCsrf = await coordinator.request({
      method: 'POST',
      url: `/api/cases/${caseId}/comments`,
      payload: { body: 'Zonder token', visibility: 'shared' },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});
