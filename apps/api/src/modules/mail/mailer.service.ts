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

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    // Pooled SMTP connections (reused across sends) unless the URL says otherwise.
    const url = new URL(runtime.smtpUrl);
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
    if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', '8');
    this.transport = createTransport(url.toString());
    this.from = runtime.config.mail.from;
  }

  async send(email: OutgoingEmail): Promise<string> {
    const info = (await this.transport.sendMail({
      from: this.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId ? `<${email.messageId}>` : undefined,
      headers: email.headers,
    })) as { messageId: string };
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
