/** Queue and job names, one place. A job name without a handler fails loudly in the processor. */
export const MAIL_QUEUE = 'mail';
export const SEND_EMAIL_JOB = 'send-email';

export interface SendEmailPayload {
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  headers?: Record<string, string>;
}
