import {
  type AuditLogPage,
  auditLogPageSchema,
  type AuditLogQuery,
  auditLogQuerySchema,
} from '@doorbraak/domain';
import { Controller, Get } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { openApiResponseSchema, ZodQuery } from '../../common/zod-body';
import { Roles } from '../identity/auth.decorators';

interface AuditRow {
  id: string;
  occurred_at: Date | string;
  type: string;
  actor_user_id: string | null;
  actor_label: string | null;
  ip: string | null;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
  request_id: string | null;
}

/** The security audit log for admins: newest first, keyset-paginated on the sequence id. */
@ApiTags('admin')
@ApiCookieAuth()
@Controller('admin/audit-log')
export class AuditLogController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Security events and admin actions, newest first (keyset: pass nextCursor as cursor). Admins only.',
  })
  @ApiQuery({ name: 'type', required: false, description: 'Exact type, or a prefix ending in "." (login.)' })
  @ApiQuery({ name: 'actorUserId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ schema: openApiResponseSchema(auditLogPageSchema) })
  @ApiForbiddenResponse({ description: 'problem+json: only admins' })
  async list(@ZodQuery(auditLogQuerySchema) query: AuditLogQuery): Promise<AuditLogPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.type) {
      if (query.type.endsWith('.')) {
        params.push(`${query.type.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`type LIKE $${params.length}`);
      } else {
        params.push(query.type);
        where.push(`type = $${params.length}`);
      }
    }
    if (query.actorUserId) {
      params.push(query.actorUserId);
      where.push(`actor_user_id = $${params.length}`);
    }
    if (query.cursor) {
      params.push(query.cursor);
      where.push(`id < $${params.length}::bigint`);
    }
    params.push(query.limit + 1);
    const found: AuditRow[] = await this.db.query(
      `SELECT id::text AS id, occurred_at, type, actor_user_id, actor_label, ip, target_type, target_id, data, request_id
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY audit_log.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = found.slice(0, query.limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        occurredAt: new Date(r.occurred_at).toISOString(),
        type: r.type,
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        ip: r.ip,
        targetType: r.target_type,
        targetId: r.target_id,
        data: r.data ?? {},
        requestId: r.request_id,
      })),
      nextCursor: found.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
    };
  }
}
