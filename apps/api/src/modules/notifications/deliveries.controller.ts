import {
  type Actor,
  type Delivery,
  type DeliveryQuery,
  deliveryListSchema,
  deliveryQuerySchema,
  deliverySchema,
} from '@doorbraak/domain';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { openApiResponseSchema, ZodQuery } from '../../common/zod-body';
import { CurrentActor, Roles } from '../identity/auth.decorators';
import { DeliveriesService } from './deliveries.service';

/** The outbox for admins: what was sent, what waits, what failed or stayed unconfirmed, and a resend. */
@ApiTags('admin')
@ApiCookieAuth()
@ApiForbiddenResponse({ description: 'problem+json: only admins' })
@Controller('admin/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Email deliveries, newest first; ?status=failed shows what failed after its retries, ?status=unconfirmed what the SMTP server probably took without the reply being recorded.',
  })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ schema: openApiResponseSchema(deliveryListSchema) })
  list(@ZodQuery(deliveryQuerySchema) query: DeliveryQuery): Promise<{ items: Delivery[] }> {
    return this.deliveries.list(query);
  }

  @Post(':id/resend')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Send an unconfirmed or failed delivery again (admin): it goes back to the outbox (queued, or pending outside the send window) and the worker sends it; the audit log records who asked.',
  })
  @ApiAcceptedResponse({ schema: openApiResponseSchema(deliverySchema) })
  @ApiNotFoundResponse({ description: 'problem+json: no such delivery' })
  @ApiConflictResponse({
    description:
      'problem+json (…/conflict/delivery-not-resendable): the delivery is not unconfirmed or failed',
  })
  resend(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Delivery> {
    return this.deliveries.resend(actor, id);
  }
}
