import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { RUNTIME } from '../../runtime/runtime.tokens';
import type { Runtime } from '../../runtime/runtime';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Deterministic Message-ID (without angle brackets), so a retried send is recognisable. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** Sends mail over SMTP: SMTP_URL, or the embedded catcher (the same code path). */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly transport: Transporter;
  private readonly from: string;
  private closed = false;
  /** Sends in flight, failed when the transport closes: a closed pool would never call them back. */
  private readonly inFlight = new Set<(error: Error) => void>();

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    // Pooled SMTP connections (reused across sends) unless the URL says otherwise.
    const url = new URL(runtime.smtpUrl);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '8');
    this.transport = createTransport(url.toString());
    this.from = runtime.config.mail.from;
  }

  async send(email: OutgoingEmail): Promise<string> {
    // A pooled transport that was closed (the app is stopping) silently drops new messages and
    // never settles their promise; the job would then hang, and the worker's close with it.
    if (this.closed)
      throw new Error('The mailer is closed (the app is stopping); the delivery is sent later.');
    let abort: (error: Error) => void = () => undefined;
    const aborted = new Promise<never>((_resolve, reject) => {
      abort = reject;
    });
    this.inFlight.add(abort);
    try {
      const info = (await Promise.race([
        this.transport.sendMail({
          from: this.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId ? `<${email.messageId}>` : undefined,
          headers: email.headers,
        }),
        aborted,
      ])) as { messageId: string };
      return info.messageId;
    } finally {
      this.inFlight.delete(abort);
    }
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const abort of this.inFlight) {
      abort(new Error('The mailer closed while sending (the app is stopping); the delivery is sent later.'));
    }
    this.inFlight.clear();
    this.transport.close();
  }
}
