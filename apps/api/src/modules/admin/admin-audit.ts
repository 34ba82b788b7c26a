import type { Actor } from '@doorbraak/domain';
import { Logger } from '@nestjs/common';

const logger = new Logger('AdminAudit');

/**
 * Records an admin action. There is no audit table for reference data yet, so this is a
 * structured info log line (actor, action, target, before/after) that log shipping keeps.
 */
export function auditAdminAction(
  actor: Actor,
  action: string,
  target: { type: 'organisation' | 'region'; id: string },
  change: { before?: unknown; after: unknown },
): void {
  logger.log(
    {
      audit: true,
      action,
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      targetType: target.type,
      targetId: target.id,
      ...change,
    },
    `admin ${action} ${target.type} ${target.id} by user ${actor.userId}`,
  );
}
