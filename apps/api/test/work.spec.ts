import type { CaseDetail, MyWork } from '@doorbraak/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInput } from './factories';
import { DEMO, startTestApp, type TestApp } from './test-app';

describe('my work and my profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a party its own organisation’s open actions, overdue first, and nobody else’s', async () => {
    const liander = await t.login(DEMO.liander);
    const work = (await liander.get('/api/me/work')).json<MyWork>();
    const all = [...work.overdue, ...work.dueSoon, ...work.open];
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((i) => i.kind === 'assignment' && i.organisationName === 'Liander')).toBe(true);
    expect(work.counts).toEqual({
      overdue: work.overdue.length,
      dueSoon: work.dueSoon.length,
      open: work.open.length,
    });
    expect(work.overdue.every((i) => i.state === 'breached')).toBe(true);
  });

  it('gives the coordinator the triage of a new case in its region, not of other regions', async () => {
    const municipality = await t.login(DEMO.barendrecht);
    const c = (await municipality.post('/api/cases', caseInput())).json<CaseDetail>();
    const coordinator = await t.login(DEMO.coordinatorZh);
    const work = (await coordinator.get('/api/me/work')).json<MyWork>();
    const all = [...work.overdue, ...work.dueSoon, ...work.open];
    expect(all).toContainEqual(expect.objectContaining({ caseId: c.id, kind: 'triage' }));
    const assen = await t.login(DEMO.assen);
    const theirs = (await assen.get('/api/me/work')).json<MyWork>();
    expect([...theirs.overdue, ...theirs.dueSoon, ...theirs.open].some((i) => i.caseId === c.id)).toBe(false);
  });

  it('keeps the language and notification preference per user', async () => {
    const agent = await t.login(DEMO.assen);
    expect((await agent.get('/api/me/profile')).json()).toEqual({
      language: 'nl',
      notificationMode: 'immediate',
    });
    const r = await agent.request({
      method: 'PATCH',
      url: '/api/me/profile',
      payload: { notificationMode: 'digest', language: 'en' },
    });
    expect(r.json()).toEqual({ language: 'en', notificationMode: 'digest' });
    expect(
      (
        await agent.request({
          method: 'PATCH',
          url: '/api/me/profile',
          payload: { notificationMode: 'weekly' },
        })
      ).statusCode,
    ).toBe(400);
    const other = await t.login(DEMO.barendrecht);
    expect((await other.get('/api/me/profile')).json()).toEqual({
      language: 'nl',
      notificationMode: 'immediate',
    });
  });
});
