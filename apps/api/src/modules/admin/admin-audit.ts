import type { Actor } from '@doorbraak/domain';
import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { writeAuditLog } from '../audit/security-events.service';

const logger = new Logger('AdminAudit');

/**
 * Records an admin action in the insert-only audit_log (type `admin.<action>`), inside the
 * transaction that made the change, so the change and its record commit together; and as a
 * structured log line (actor, action, target, before/after) for log shipping.
 */
export async function auditAdminAction(
  manager: EntityManager,
  actor: Actor,
  action: string,
  target: {
    type: 'organisation' | 'region' | 'user' | 'knelpunt_type' | 'deadline_policy' | 'holiday' | 'delivery';
    id: string;
  },
  change: { before?: unknown; after: unknown },
): Promise<void> {
  await writeAuditLog(manager, {
    type: `admin.${action}`,
    actor: { userId: actor.userId, label: `${actor.name} (${actor.organisationName})` },
    target,
    data: { actorOrganisationId: actor.organisationId, ...change },
  });
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
