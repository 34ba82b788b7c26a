import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { openApiResponseSchema, ZodQuery } from '../../common/zod-body';
import { Roles } from '../identity/auth.decorators';

const deliveryQuerySchema = z.strictObject({
  status: z
    .enum([
      'pending',
      'digest',
      'digested',
      'queued',
      'sending',
      'committing',
      'sent',
      'unconfirmed',
      'failed',
    ])
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const deliverySchema = z.object({
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

/** The outbox for admins: what was sent, what waits, and what failed after its retries. */
@ApiTags('admin')
@ApiCookieAuth()
@Controller('admin/deliveries')
export class DeliveriesController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Email deliveries, newest first; ?status=failed shows what failed after its retries, ?status=unconfirmed what the SMTP server probably took without the reply being recorded.',
  })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ schema: openApiResponseSchema(z.object({ items: z.array(deliverySchema) })) })
  async list(@ZodQuery(deliveryQuerySchema) query: z.infer<typeof deliveryQuerySchema>) {
    const items: {
      id: string;
      kind: string;
      case_id: string | null;
      threshold: string | null;
      recipient_email: string;
      status: string;
      attempts: number;
      last_error: string | null;
      created_at: Date;
      sent_at: Date | null;
    }[] = await this.db.query(
      `SELECT id, kind, case_id, threshold, recipient_email, status, attempts, last_error, created_at, sent_at
         FROM deliveries WHERE ($1::varchar IS NULL OR status = $1) ORDER BY created_at DESC, id LIMIT $2`,
      [query.status ?? null, query.limit],
    );
    return {
      items: items.map((d) => ({
        id: d.id,
        kind: d.kind,
        caseId: d.case_id,
        threshold: d.threshold,
        recipientEmail: d.recipient_email,
        status: d.status,
        attempts: d.attempts,
        lastError: d.last_error,
        createdAt: new Date(d.created_at).toISOString(),
        sentAt: d.sent_at ? new Date(d.sent_at).toISOString() : null,
      })),
    };
  }
}
