import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnqueueService } from '../src/queue/enqueue.service';
import { DEMO, startTestApp, type TestApp } from './test-app';

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('BullMQ on Redis → nodemailer → SMTP catcher', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a send-email job reaches the embedded SMTP server once, with its Message-ID, even when added twice', async () => {
    const enqueue = t.app.get(EnqueueService);
    const payload = {
      to: 'contact@liander.example',
      subject: 'Herinnering: actie voor DB-2026-0001',
      text: 'U ontvangt deze e-mail omdat Liander is toegewezen.',
      messageId: 'reminder-test-1@doorbraak.local',
    };
    await enqueue.sendEmail('delivery-test-1', payload);
    await enqueue.sendEmail('delivery-test-1', payload);
    const mailbox = t.runtime.mailbox;
    expect(mailbox).not.toBeNull();
    const message = await waitFor(() => mailbox?.list().find((m) => m.subject === payload.subject));
    expect(message.to).toEqual(['contact@liander.example']);
    expect(message.messageId).toBe('<reminder-test-1@doorbraak.local>');
    expect(message.text).toContain('omdat Liander is toegewezen');
    await new Promise((r) => setTimeout(r, 500));
    expect(mailbox?.list().filter((m) => m.subject === payload.subject)).toHaveLength(1);
  });

  it('shows the mailbox to admins only', async () => {
    const admin = await t.login(DEMO.admin);
    const list = await admin.get('/api/dev/mailbox');
    expect(list.statusCode).toBe(200);
    expect(Array.isArray(list.json().items)).toBe(true);
    const municipality = await t.login(DEMO.barendrecht);
    expect((await municipality.get('/api/dev/mailbox')).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/dev/mailbox' })).statusCode).toBe(401);
  });
});
