import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailboxMessage {
  id: string;
  receivedAt: string;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/**
 * Messages the embedded SMTP catcher received, newest first; bounded so it cannot grow forever.
 * With a file, they are kept across restarts (one JSON line per message).
 */
export class Mailbox {
  private readonly messages: MailboxMessage[] = [];

  constructor(
    private readonly capacity = 1000,
    private readonly file: string | null = null,
  ) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim()) this.messages.unshift(JSON.parse(line) as MailboxMessage);
      }
      this.messages.length = Math.min(this.messages.length, capacity);
    }
  }

  add(message: MailboxMessage): void {
    this.messages.unshift(message);
    if (this.messages.length > this.capacity) this.messages.length = this.capacity;
    if (this.file) appendFileSync(this.file, `${JSON.stringify(message)}\n`);
  }
  list(): readonly MailboxMessage[] {
    return this.messages;
  }
  clear(): void {
    this.messages.length = 0;
  }
}

export interface EmbeddedSmtp {
  url: string;
  mailbox: Mailbox;
  stop(): Promise<void>;
}

/** An SMTP catcher (smtp-server from the nodemailer project) on a free loopback port. */
export async function startEmbeddedSmtp(port = 0, file: string | null = null): Promise<EmbeddedSmtp> {
  if (file) mkdirSync(path.dirname(file), { recursive: true });
  const mailbox = new Mailbox(1000, file);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const line of parsed.headerLines)
            headers[line.key] = line.line.slice(line.key.length + 1).trim();
          mailbox.add({
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            messageId: parsed.messageId ?? null,
            from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            headers,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    mailbox,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
