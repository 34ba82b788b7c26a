import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './test-app';

describe('every error is application/problem+json, never HTML or a stack trace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectProblem = (
    r: { statusCode: number; headers: Record<string, unknown>; body: string },
    status: number,
  ) => {
    expect(r.statusCode).toBe(status);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(r.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      status,
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
    });
    expect(body.correlationId).toBe(r.headers['x-request-id']);
    expect(r.body).not.toMatch(/at .*\.(js|ts):\d+/);
    return body;
  };

  it('malformed JSON → 400', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expectProblem(r, 400);
  });

  it('unknown API route → 404 naming the path', async () => {
    const r = await t.request({ method: 'GET', url: '/api/does-not-exist' });
    expect(expectProblem(r, 404).detail).toContain('/api/does-not-exist');
  });

  it('unsupported media type → 415', async () => {
    const r = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<login/>',
    });
    expectProblem(r, 415);
  });

  it('a body over the limit → 413', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const r = await agent.request({
      method: 'POST',
      url: '/api/cases',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ description: 'x'.repeat(1_100_000) }),
    });
    expectProblem(r, 413);
  });

  it('invalid input → 400 with field errors in Dutch, or in English on request', async () => {
    const agent = await t.login(DEMO.barendrecht);
    const nl = await agent.post('/api/cases', {
      projectName: '',
      municipalityCode: 'GM0489',
      homesTotal: 10,
      knelpuntTypes: ['nitrogen'],
    });
    const body = expectProblem(nl, 400) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'projectName', message: 'Vul dit veld in.' }),
    ]);
    const en = await agent.request({
      method: 'POST',
      url: '/api/cases',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
      payload: { projectName: '', municipalityCode: 'GM0489', homesTotal: 10, knelpuntTypes: ['nitrogen'] },
    });
    expect(en.json<{ errors: { message: string }[] }>().errors[0]?.message).toBe('Fill in this field.');
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const ok = await t.request({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'abc-123' } });
    expect(ok.headers['x-request-id']).toBe('abc-123');
    expect(ok.json().correlationId).toBe('abc-123');
    const bad = await t.request({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': '<script>' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
