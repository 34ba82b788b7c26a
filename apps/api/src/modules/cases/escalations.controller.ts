import {
  type Actor,
  type CreateEscalationInput,
  createEscalationSchema,
  type DecideEscalationInput,
  decideEscalationSchema,
  type Escalation,
  escalationSchema,
} from '@doorbraak/domain';
import { Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { openApiResponseSchema, openApiSchema, ZodBody } from '../../common/zod-body';
import { CurrentActor } from '../identity/auth.decorators';
import { EscalationsService } from './escalations.service';

/** No @Roles: out-of-scope users must get 404; the service checks `canEscalate` after the scoped lookup. */
@ApiTags('cases')
@ApiCookieAuth()
@ApiNotFoundResponse({
  description: 'problem+json: the case (or the escalation) does not exist or is outside your scope',
})
@ApiForbiddenResponse({ description: 'problem+json: your role may not escalate or decide on this case' })
@Controller('cases')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Post(':id/escalations')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Escalate the case to a higher level (in_progress → escalated) with the question for that level.',
  })
  @ApiBody({ schema: openApiSchema(createEscalationSchema) })
  @ApiCreatedResponse({ schema: openApiResponseSchema(escalationSchema) })
  @ApiBadRequestResponse({
    description: 'problem+json with field errors (unknown owner organisation, due date)',
  })
  @ApiConflictResponse({
    description:
      'problem+json …/conflict/open-escalation-exists, …/conflict/level-not-above, or the transition rule that failed',
  })
  async open(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @ZodBody(createEscalationSchema) input: CreateEscalationInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Escalation> {
    const created = await this.escalations.open(actor, id, input);
    void reply.header('location', `/api/cases/${id}/escalations/${created.id}`);
    return created;
  }

  @Patch(':id/escalations/:escalationId')
  @ApiOperation({
    summary:
      'Record the outcome of an escalation (decided, returned, withdrawn); the case returns to the lower table (escalated → in_progress).',
  })
  @ApiBody({ schema: openApiSchema(decideEscalationSchema) })
  @ApiOkResponse({ schema: openApiResponseSchema(escalationSchema) })
  @ApiBadRequestResponse({ description: 'problem+json with field errors' })
  @ApiConflictResponse({ description: 'problem+json …/conflict/escalation-closed' })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('escalationId') escalationId: string,
    @ZodBody(decideEscalationSchema) input: DecideEscalationInput,
  ): Promise<Escalation> {
    return this.escalations.decide(actor, id, escalationId, input);
  }
}
