import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource, type EntityManager } from 'typeorm';

export interface SecurityEvent {
  type: string;
  actor?: { userId: string | null; label: string | null };
  target?: { type: string; id: string };
  data?: Record<string, unknown>;
}

/** Inserts one audit_log row with `db` (a manager: inside the caller's transaction). */
export async function writeAuditLog(
  db: DataSource | EntityManager,
  event: SecurityEvent,
  request?: FastifyRequest,
): Promise<void> {
  const userAgent = request?.headers['user-agent'];
  await db.query(
    `INSERT INTO audit_log (type, actor_user_id, actor_label, ip, user_agent, target_type, target_id, data, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
    [
      event.type,
      event.actor?.userId ?? null,
      event.actor?.label?.slice(0, 500) ?? null,
      request?.ip?.slice(0, 64) ?? null,
      typeof userAgent === 'string' ? userAgent.slice(0, 500) : null,
      event.target?.type ?? null,
      event.target?.id ?? null,
      JSON.stringify(event.data ?? {}),
      request ? String(request.id).slice(0, 100) : null,
    ],
  );
}

/**
 * Writes security events and admin actions to the insert-only `audit_log` (and a log line).
 * With a manager the row commits with the caller's change; without, it is written on its own,
 * which is what refusals need (their transaction, if any, rolls back).
 */
@Injectable()
export class SecurityEventsService {
  private readonly logger = new Logger('Security');

  constructor(private readonly db: DataSource) {}

  async record(event: SecurityEvent, request?: FastifyRequest, manager?: EntityManager): Promise<void> {
    await writeAuditLog(manager ?? this.db, event, request);
    this.logger.log(
      {
        security: true,
        event: event.type,
        actorUserId: event.actor?.userId ?? null,
        targetType: event.target?.type,
        targetId: event.target?.id,
        requestId: request?.id,
      },
      `security event ${event.type}`,
    );
  }
}
