import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rows } from '../../database/query';
import { hashToken } from '../identity/sessions.service';

/** 32 random bytes, base64url: 43 characters. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const LINK_PURPOSE = 'assignment-action';

/**
 * Mints a signed action link in the caller's transaction and returns the raw token, which is
 * never stored (only its SHA-256): it exists in the email and nowhere else. The contact's
 * previous active link for this assignment is revoked as `superseded` first, so at most one
 * token per contact and assignment is valid at any time (the partial unique index
 * uq_action_links_active enforces it under concurrency). A resent or retried email therefore
 * carries a fresh token and kills the one before; no extra valid token ever exists.
 */
export async function mintActionLink(
  manager: EntityManager,
  input: { caseId: string; assignmentId: string; contactEmail: string; deliveryId?: string | null },
  validDays: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; linkId: string }> {
  const email = input.contactEmail.toLowerCase();
  await manager.query(
    `UPDATE action_links SET revoked_at = $3, revoked_reason = 'superseded'
      WHERE assignment_id = $1 AND contact_email = $2 AND revoked_at IS NULL`,
    [input.assignmentId, email, now],
  );
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + validDays * 86_400_000);
  const [row] = await rows<{ id: string }>(
    manager,
    `INSERT INTO action_links (token_hash, purpose, case_id, assignment_id, contact_email, delivery_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      hashToken(token),
      LINK_PURPOSE,
      input.caseId,
      input.assignmentId,
      email,
      input.deliveryId ?? null,
      expiresAt,
      now,
    ],
  );
  return { token, expiresAt, linkId: (row as { id: string }).id };
}
