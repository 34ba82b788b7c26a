import { z } from 'zod';

/** An email the embedded SMTP catcher received (GET /api/dev/mailbox; embedded mode, admins). */
export const mailboxMessageSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});
export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;

export const mailboxSchema = z.object({ items: z.array(mailboxMessageSchema) });
export type Mailbox = z.infer<typeof mailboxSchema>;
