import type { EntityManager } from 'typeorm';
import { rows } from '../../database/query';
import { coordinators } from './recipients';

/** `deliveries.kind` of the email that tells the table a contact asked for more time. */
export const EXTENSION_REQUEST_KIND = 'extension';

export interface ExtensionRequestNotice {
  /** The signed action link the request came through (single-use: one request per link). */
  linkId: string;
  caseId: string;
  deadlineId: string;
  contactEmail: string;
  organisationName: string;
  requestedAction: string;
  workingDays: number;
  reason: string;
  /** The deadline's current due date (`YYYY-MM-DD`), when it has one. */
  dueDate: string | null;
}

/**
 * A contact asked for more working days through a signed action link: the coordinators of the
 * case's table decide (POST /api/cases/{id}/deadlines/{deadlineId}/extend), so each gets an
 * email. Written to the outbox in the caller's transaction — the one that records the request
 * and consumes the link — so the email exists exactly when the request does. The dedupe key
 * (`extension-request:{link}:{recipient}`) makes it one email per coordinator even if the
 * insert is repeated; the relay and sender deliver it like a reminder. Always immediate: a
 * waiting request does not belong in tomorrow's digest. Returns the number of deliveries.
 */
export async function queueExtensionRequestNotice(
  manager: EntityManager,
  notice: ExtensionRequestNotice,
): Promise<number> {
  const found: { reference: string; project_name: string; province_code: string; province_name: string }[] =
    await manager.query(
      `SELECT c.reference, c.project_name, c.province_code, p.name AS province_name
         FROM cases c JOIN provinces p ON p.code = c.province_code WHERE c.id = $1`,
      [notice.caseId],
    );
  const c = found[0];
  if (!c) return 0;
  const recipients = await coordinators(
    manager,
    { provinceCode: c.province_code, provinceName: c.province_name },
    `U coördineert de tafel voor ${c.province_name}; u beslist of de termijn wordt verlengd.`,
  );
  let queued = 0;
  for (const recipient of recipients) {
    const inserted = await rows<{ id: string }>(
      manager,
      `INSERT INTO deliveries (dedupe_key, kind, case_id, deadline_id, recipient_email, recipient_user_id,
                               language, reason, payload, urgent, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, 'pending')
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        `extension-request:${notice.linkId}:${recipient.email}`,
        EXTENSION_REQUEST_KIND,
        notice.caseId,
        notice.deadlineId,
        recipient.email,
        recipient.userId,
        recipient.language,
        recipient.reason,
        JSON.stringify({
          caseReference: c.reference,
          projectName: c.project_name,
          organisation: notice.organisationName,
          requestedAction: notice.requestedAction,
          contactEmail: notice.contactEmail,
          workingDays: notice.workingDays,
          requestReason: notice.reason,
          dueDate: notice.dueDate,
        }),
      ],
    );
    queued += inserted.length;
  }
  return queued;
}
