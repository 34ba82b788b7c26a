import { z } from 'zod';

/**
 * The email outbox as admins see it (GET /api/admin/deliveries). One delivery is one email to one
 * person; its status follows the sender's two-phase send (ARCHITECTURE §4, docs/adr/0005):
 * `pending` → `queued` → `sending` → `committing` → `sent`, or `digest` → `digested` for the
 * daily overview. `unconfirmed`: the final "." went out but the server's reply was never recorded
 * (it probably arrived); `failed`: every attempt was refused or broke before the ".".
 */
export const DELIVERY_STATUSES = [
  'pending',
  'digest',
  'digested',
  'queued',
  'sending',
  'committing',
  'sent',
  'unconfirmed',
  'failed',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(status: string): status is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(status);
}

/** What an admin may send again (POST /api/admin/deliveries/{id}/resend): nothing else is resent. */
export const RESENDABLE_DELIVERY_STATUSES = [
  'unconfirmed',
  'failed',
] as const satisfies readonly DeliveryStatus[];

export type ResendableDeliveryStatus = (typeof RESENDABLE_DELIVERY_STATUSES)[number];

export function isResendableDelivery(status: string): status is ResendableDeliveryStatus {
  return (RESENDABLE_DELIVERY_STATUSES as readonly string[]).includes(status);
}

export const deliveryQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;

export const deliverySchema = z.object({
  id: z.string(),
  kind: z.string(),
  caseId: z.string().nullable(),
  threshold: z.string().nullable(),
  recipientEmail: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
export type DeliveryList = z.infer<typeof deliveryListSchema>;
